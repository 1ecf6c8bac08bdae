// aws-jwt-verify side of bench/token-verification.sh: full Cognito ID-token verification per core, JWKS
// pre-cached (verifier.cacheJwks), distinct tokens from the shared pool (BenchTokens), cycled.
// Usage: node verify-tokens.mjs <tokens.json> [sync|async] [warmupSeconds] [iterations] [iterationSeconds]
// Prints "Iteration N: X ops/s" lines like JMH, then "RESULT node <mode> median X ops/s".
// node verify-tokens.mjs <tokens.json> serve: measures only when told, for the script's paired slices: each
// stdin line "run <seconds> <sync|async>" answers verifications per second.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { CognitoJwtVerifier } from "aws-jwt-verify";

let [file, mode = "sync", warmupS = "6", iterations = "5", iterationS = "2"] = process.argv.slice(2);
const pool = JSON.parse(readFileSync(file, "utf8"));
const tokens = pool.tokens;
const userPoolId = pool.issuer.substring(pool.issuer.lastIndexOf("/") + 1);
const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: "id", clientId: pool.clientId });
verifier.cacheJwks(pool.jwks);

let next = 0;
let sink = 0;

function verifySync() {
  const payload = verifier.verifySync(tokens[next]);
  next = next + 1 === tokens.length ? 0 : next + 1;
  sink += payload["cognito:username"].length;
}

async function verifyAsync() {
  const payload = await verifier.verify(tokens[next]);
  next = next + 1 === tokens.length ? 0 : next + 1;
  sink += payload["cognito:username"].length;
}

/** Runs for the given seconds, checking the clock every 64 verifications; verifications per second. */
async function measure(seconds) {
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  let count = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 64; i++) {
      if (mode === "async") {
        await verifyAsync();
      } else {
        verifySync();
      }
    }
    count += 64;
    now = performance.now();
  }
  return count / ((now - start) / 1000);
}

// Every token must verify before anything is measured (a failure throws).
for (let i = 0; i < tokens.length; i++) {
  verifySync();
}
if (mode === "serve") {
  const { createInterface } = await import("node:readline");
  for await (const line of createInterface({ input: process.stdin })) {
    const [, seconds, slice] = line.split(" ");
    mode = slice;
    console.log((await measure(Number(seconds))).toFixed(0));
  }
  process.exit(0);
}
await measure(Number(warmupS));
const scores = [];
for (let i = 1; i <= Number(iterations); i++) {
  const score = await measure(Number(iterationS));
  scores.push(score);
  console.log(`Iteration ${i}: ${score.toFixed(0)} ops/s`);
}
scores.sort((a, b) => a - b);
console.log(`RESULT node ${mode} median ${scores[Math.floor(scores.length / 2)].toFixed(0)} ops/s (sink ${sink > 0})`);
