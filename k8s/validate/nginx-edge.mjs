// The edge's location rules run by a real nginx: the location blocks ingress-nginx writes for the
// rendered Ingresses (edge.mjs), each answering with its Ingress's name, and every spelling of
// login-spellings.txt (plus a few that must not match) sent on a raw socket. Fails when nginx picks
// another Ingress than the spelling needs, or than validate.mjs's model predicts (so the model that
// checks every overlay is checked itself). Rate limiting is not run here: which location answers is what
// decides which limit applies. ingress-nginx runs its own nginx build; URI normalisation and regex
// location matching are nginx's core and the same in every version.
// Usage: kubectl kustomize k8s/overlays/example | NGINX_BIN=/usr/sbin/nginx node k8s/validate/nginx-edge.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { locationDirective, locationsByHost, pick, spellings } from "./edge.mjs";

// Not NGINX: nginx itself reads that variable (inherited listening sockets).
const nginx = process.env.NGINX_BIN ?? "nginx";
const objects = parseAllDocuments(readFileSync(process.argv[2] ?? 0, "utf8")).map((doc) => doc.toJS()).filter(Boolean);
const ingresses = objects.filter((o) => o.kind === "Ingress");
const hosts = locationsByHost(ingresses);
const { login, other } = spellings();
// Beyond the list: neighbours of the login path that are not the login and must keep the API's limit.
const extra = ["/passkey-login-x", "/passkey-loginx", "/x/passkey-login", "/passkey-logi", "/connect-tokens/passkey-login"];

const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

function request(port, host, target) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let answer = "";
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer for ${target}`)));
    socket.on("data", (chunk) => { answer += chunk; });
    socket.on("end", () => resolve(answer.split("\r\n\r\n")[1]?.trim() || `(status ${answer.split(" ")[1]})`));
    socket.on("error", reject);
  });
}

async function waitFor(port) {
  for (let i = 0; i < 100; i++) {
    try {
      await new Promise((resolve, reject) => net.connect(port, "127.0.0.1", resolve).on("error", reject));
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("nginx did not start");
}

const dir = mkdtempSync(join(tmpdir(), "nginx-edge-"));
const port = await freePort();
const servers = [...hosts].map(([host, locations]) => `
    server {
      listen 127.0.0.1:${port};
      server_name ${host};
${locations.map((l) => `      ${locationDirective(l)} { return 200 "${l.ingress}"; }`).join("\n")}
    }`).join("\n");
writeFileSync(join(dir, "nginx.conf"), `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
${servers}
}
`);
const child = spawn(nginx, ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "inherit", "inherit"],
  env: Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NGINX")) });
const errors = [];
let checked = 0;
try {
  await waitFor(port);
  for (const [host, locations] of hosts) {
    const loginIngress = pick(locations, "/passkey-login")?.ingress;
    const cases = [...login.map((t) => [t, true]), ...other.map((t) => [t, false]), ...extra.map((t) => [t, false])];
    for (const [target, isLogin] of cases) {
      const answered = await request(port, host, target);
      const modelled = pick(locations, target)?.ingress ?? "(none)";
      checked++;
      if ((answered === loginIngress) !== isLogin) {
        errors.push(`${host}${target}: nginx chose ${answered}, the login limit must ${isLogin ? "" : "not "}apply`);
      }
      if (answered !== modelled) errors.push(`${host}${target}: nginx chose ${answered}, the validator's model ${modelled}`);
    }
  }
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.on("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
if (errors.length) {
  console.error(errors.map((e) => `FAIL ${e}`).join("\n"));
  process.exit(1);
}
console.log(`${checked} request targets: nginx picks the location the rules need and the model predicts`);
