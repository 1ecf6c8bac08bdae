// Corbado Backend API stand-in for bench/vs-node.py: answers POST /v2/connectTokens like Corbado, in
// Node so that it costs the shared load core little. Env: PORT.
import http from "node:http";

const body = JSON.stringify({ id: "ctk-bench", tokenType: "passkey-list", data: { identifier: "u" },
  connectTokenStatus: "initial", expires: 4102444800, secret: "ctks_" + "0".repeat(48) });

http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const ok = req.method === "POST" && req.url === "/v2/connectTokens";
    res.writeHead(ok ? 200 : 404, { "Content-Type": "application/json", "Content-Length": ok ? Buffer.byteLength(body) : 2 });
    res.end(ok ? body : "{}");
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`corbado stand-in listening on ${process.env.PORT}`));
