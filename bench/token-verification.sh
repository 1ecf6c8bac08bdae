#!/usr/bin/env bash
# Benchmark: full Cognito ID-token verification per core with a warm JWKS, the service's verifier (JMH,
# IdTokenVerificationBenchmark) beside aws-jwt-verify on Node (bench/node), in ONE run:
# both pinned to the same core with taskset, rounds interleaved (java, node, java, node, ...), the same
# pool of distinct tokens (BenchTokens writes it once, both sides read it; cycled, so neither side can
# serve a token from a cache). Prints the ratio of the medians. Then the same pair once more in finer
# grain, because whole rounds still catch other work on a shared machine: both kept warm in one process
# each, measuring in alternating one-second slices (java, node sync, node async, ...; PAIRS of them),
# the ratio taken per adjacent slice. Not part of ./mvnw verify.
#
#   bench/token-verification.sh                 # 3 rounds each on core 1
#   ROUNDS=5 CORE=0 bench/token-verification.sh
#   ALL=1 bench/token-verification.sh           # also smallrye-jwt's parser, the cache, bare RSA
#   JAVA_OPTS=-Dbench.jdk-crypto=true bench/token-verification.sh   # the JDK's RSA instead of ACCP
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/token-verification.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
PAIRS=${PAIRS:-30}
CORE=${CORE:-1}
TOKENS=${TOKENS:-2000}
JAVA=${JAVA:-java}
NODE=${NODE:-node}
OUT=target/token-verification
JMH_ARGS=(-t 1 -f 1 -wi 5 -w 2s -i 5 -r 2s -tu s)
NODE_ARGS=(6 5 2) # warm-up seconds, iterations, seconds each: JMH's shape

command -v taskset >/dev/null || { echo "taskset missing: apt-get install -y util-linux" >&2; exit 1; }
command -v "$NODE" >/dev/null || { echo "node 20 missing" >&2; exit 1; }
[ -d bench/node/node_modules ] || (cd bench/node && npm ci --no-audit --no-fund)

./mvnw -q -B -Dspa.skip test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
rm -rf "$OUT" && mkdir -p "$OUT"
"$JAVA" -cp "$CP" app.passkeybff.bench.BenchTokens "$OUT/tokens.json" "$TOKENS"

JAVA_BENCH='IdTokenVerificationBenchmark.verifyFully$'
NODE_MODES=(sync async) # verifySync and await verify(): the faster of the two per round is the reference
if [ -n "${ALL:-}" ]; then
  JAVA_BENCH='IdTokenVerificationBenchmark'
fi
"$JAVA" -version 2>&1 | head -1 | sed 's/^/java: /'
echo "node: $("$NODE" --version), aws-jwt-verify $("$NODE" -p 'JSON.parse(require("fs").readFileSync("bench/node/node_modules/aws-jwt-verify/package.json")).version'), core $CORE, $ROUNDS rounds each, interleaved"
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round: java"
  taskset -c "$CORE" "$JAVA" -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${JAVA_OPTS:-} -Dbench.tokens="$OUT/tokens.json" -cp "$CP" org.openjdk.jmh.Main "$JAVA_BENCH" \
    "${JMH_ARGS[@]}" > "$OUT/java-$round.txt"
  for mode in "${NODE_MODES[@]}"; do
    echo "round $round: node $mode"
    taskset -c "$CORE" "$NODE" bench/node/verify-tokens.mjs "$OUT/tokens.json" "$mode" "${NODE_ARGS[@]}" \
      > "$OUT/node-$mode-$round.txt"
  done
done

python3 - "$OUT" "$ROUNDS" <<'PY'
import re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])

def iterations(path):
    """Measured iterations (not warm-up) per benchmark name; node files have one, named by mode."""
    scores, name = {}, None
    for line in open(path):
        m = re.match(r"# Benchmark: \S+\.(\w+)$", line.strip())
        if m:
            name = m.group(1)
        m = re.match(r"Iteration\s+\d+:\s+([\d.,]+) ops/s", line.strip())
        if m:
            scores.setdefault(name, []).append(float(m.group(1).replace(",", "")))
    return scores

per_round = {}
for r in range(1, rounds + 1):
    for name, values in iterations(f"{out}/java-{r}.txt").items():
        per_round.setdefault("java " + name, []).append(statistics.median(values))
    for mode in ("sync", "async"):
        try:
            values = iterations(f"{out}/node-{mode}-{r}.txt")[None]
        except FileNotFoundError:
            continue
        per_round.setdefault("node " + mode, []).append(statistics.median(values))
for name, medians in per_round.items():
    print(f"{name:28s} rounds: {', '.join(f'{v:,.0f}' for v in medians)}  median {statistics.median(medians):,.0f}/s")
# aws-jwt-verify's faster mode in each round is the reference (verifySync and await verify() differ by
# less than this machine's noise).
node_rounds = [max(s, a) for s, a in zip(per_round["node sync"], per_round["node async"])]
java = statistics.median(per_round["java verifyFully"])
node = statistics.median(node_rounds)
ratios = [j / n for j, n in zip(per_round["java verifyFully"], node_rounds)]
print(f"per-round ratios (java round r / the faster node mode right after it): {', '.join(f'{r:.2f}' for r in ratios)}")
print(f"RESULT full verification: java {java:,.0f}/s vs aws-jwt-verify {node:,.0f}/s per core: {java / node:.2f} x (target >= 1.2)")
PY

echo "paired slices: $PAIRS x (java 1 s, node sync 1 s, node async 1 s) after 20 s of warm-up each, core $CORE"
python3 - "$OUT" "$PAIRS" "$CORE" "$JAVA" "$NODE" "$CP" ${JAVA_OPTS:-} <<'PY'
import statistics, subprocess, sys
out, pairs, core, java, node, cp, java_opts = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7:]
tokens = f"{out}/tokens.json"
procs = {
    "java": subprocess.Popen(["taskset", "-c", core, java, "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", *java_opts,
                              "-cp", cp, "app.passkeybff.bench.PairedVerification", tokens],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(f"{out}/paired-java.log", "w"), text=True),
    "node": subprocess.Popen(["taskset", "-c", core, node, "bench/node/verify-tokens.mjs", tokens, "serve"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True),
}
def run(name, seconds, mode=""):
    p = procs[name]
    p.stdin.write(f"run {seconds} {mode}\n"); p.stdin.flush()
    return float(p.stdout.readline())
try:
    for _ in range(20):  # warm-up, alternating so both JITs settle
        run("java", 1); run("node", 0.5, "sync"); run("node", 0.5, "async")
    rows = []
    for _ in range(pairs):
        rows.append((run("java", 1), run("node", 1, "sync"), run("node", 1, "async")))
finally:
    for p in procs.values():
        p.stdin.close(); p.wait(timeout=30)
with open(f"{out}/paired.tsv", "w") as f:
    f.write("java\tnode_sync\tnode_async\n" + "".join(f"{j:.0f}\t{s:.0f}\t{a:.0f}\n" for j, s, a in rows))
ratios = [j / max(s, a) for j, s, a in rows]
q = statistics.quantiles(ratios, n=4)
java_m = statistics.median(r[0] for r in rows)
node_m = statistics.median(max(r[1], r[2]) for r in rows)
print(f"paired slices: java median {java_m:,.0f}/s, node sync {statistics.median(r[1] for r in rows):,.0f}/s, "
      f"node async {statistics.median(r[2] for r in rows):,.0f}/s; per-pair ratio p25 {q[0]:.2f}, p75 {q[2]:.2f}")
print(f"RESULT full verification, paired 1 s slices: java {java_m:,.0f}/s vs aws-jwt-verify {node_m:,.0f}/s per core: "
      f"median of per-pair ratios {statistics.median(ratios):.2f} x (target >= 1.2)")
PY
