// The seed's own /connect-tokens logic, as the Corbado Connect + Cognito guide writes it: verify the
// Amplify ID token with aws-jwt-verify, then fetch a ConnectToken from the Corbado Backend API; served
// by a plain Node http server so bench/vs-node.py can drive it exactly like the service.
// Env: PORT, USER_POOL_ID, CLIENT_ID, JWKS_URL (the local Cognito's key set), CORBADO_BACKEND_API_URL,
// CORBADO_BACKEND_API_BASIC_AUTH.
import http from "node:http";
import { CognitoJwtVerifier } from "aws-jwt-verify";

const env = process.env;
const verifier = CognitoJwtVerifier.create({ userPoolId: env.USER_POOL_ID, tokenUse: "id", clientId: env.CLIENT_ID });
// The pool's key set lives on the local Cognito, not on cognito-idp.<region>.amazonaws.com: load it once.
verifier.cacheJwks(await (await fetch(env.JWKS_URL)).json());

async function verifyAmplifyToken(idToken) {
  const payload = await verifier.verify(idToken);
  return { displayName: payload.email, identifier: payload["cognito:username"] };
}

async function getCorbadoConnectToken(connectTokenType, displayName, identifier) {
  const response = await fetch(`${env.CORBADO_BACKEND_API_URL}/v2/connectTokens`, {
    method: "POST",
    headers: { Authorization: `Basic ${env.CORBADO_BACKEND_API_BASIC_AUTH}`, "Content-Type": "application/json" },
    cache: "no-cache",
    body: JSON.stringify({ type: connectTokenType, data: { displayName, identifier } }),
  });
  const out = await response.json();
  return out.secret;
}

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}

http.createServer((req, res) => {
  let raw = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", async () => {
    if (req.method !== "POST" || req.url !== "/connect-tokens") return send(res, 404, { error: "not found" });
    let type;
    try {
      type = JSON.parse(raw).type;
    } catch {
      return send(res, 400, { error: "invalid json" });
    }
    const auth = req.headers.authorization ?? "";
    let user;
    try {
      user = await verifyAmplifyToken(auth.startsWith("Bearer ") ? auth.slice(7) : "");
    } catch {
      return send(res, 401, { error: "invalid token" });
    }
    try {
      const token = await getCorbadoConnectToken(type, user.displayName, user.identifier);
      send(res, 200, { token, type, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    } catch {
      send(res, 502, { error: "upstream" });
    }
  });
}).listen(Number(env.PORT), "127.0.0.1", () => console.log(`node peer listening on ${env.PORT}`));
