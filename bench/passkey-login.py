"""Benchmark 3: POST /passkey-login end to end through the packaged service vs the two raw Cognito
calls (InitiateAuth CUSTOM_AUTH + RespondToAuthChallenge) sent straight to the same local Cognito,
interleaved round by round in one run. Three columns:

  * service: /passkey-login over loopback HTTP, timed by this script (includes that HTTP hop);
  * raw, service's client: the same two calls made by bench/RawCognitoLogin.java with the client the
    service builds (app.passkeybff.aws.AwsClients: same SDK HTTP client type and settings),
    timed inside that JVM around the two calls only (no IPC hop counted): the baseline of the RESULT;
  * raw, Python http.client: the same two calls from this script, for context (no SDK at all);
  * GET /client-state through the service, for context: the floor of any request through its HTTP stack.

All three run the same triggers (the Lambda jar behind the local Invoke API) and the same Corbado
stand-in; signedPasskeyData is signed before each timer starts. Every column gets the same number of
warm-up logins (JIT) before the timed rounds.

Usage (after ./mvnw package): python3 bench/passkey-login.py [--iterations 300] [--warmup 1000]
Loopback only; bounded; stops everything it started.
"""
import argparse
import glob
import http.client
import json
import os
import subprocess
import tempfile
import time
import urllib.parse

from benchlib import HERE, run, signed_passkey_data, start_stack
import localenv


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Client:
    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)

    def post(self, path, body, headers):
        self.connection.request("POST", path, body=json.dumps(body), headers=headers)
        response = self.connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")


class RawJava:
    """bench/RawCognitoLogin.java in its own JVM, on the service's classpath (fast-jar), over pipes."""

    def __init__(self, seed, logdir):
        app = os.path.join(localenv.ROOT, "target", "quarkus-app")
        classpath = ":".join(sorted(glob.glob(os.path.join(app, "app", "*.jar")))
                             + sorted(glob.glob(os.path.join(app, "lib", "main", "*.jar"))))
        self.process = subprocess.Popen(
            ["java", "-cp", classpath, os.path.join(HERE, "RawCognitoLogin.java"), seed["endpoint"], seed["client"],
             seed["username"]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=open(os.path.join(logdir, "raw-java.log"), "w"), text=True, bufsize=1, cwd=localenv.ROOT,
            start_new_session=True)
        localenv.PROCESSES.append(self.process)  # stopped by run() like the rest of the stack

    def login(self, data):
        """The two calls' milliseconds as timed inside the JVM, and as timed here around the pipe round trip."""
        started = time.perf_counter()
        self.process.stdin.write(data + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline().strip()
        outer = (time.perf_counter() - started) * 1000
        assert line and not line.startswith("ERROR"), line or "RawCognitoLogin.java exited (see raw-java.log)"
        return float(line), outer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=1000, help="untimed logins per column first (JIT)")
    args = parser.parse_args()
    logdir = tempfile.mkdtemp(prefix="bench-login-")
    # One client sends hundreds of logins on purpose.
    stack = start_stack(logdir, env={"RATE_LIMIT_ENABLED": "false"}, triggers=True)
    seed = stack.seed
    service, cognito, java = Client(stack.url), Client(seed["endpoint"]), RawJava(seed, logdir)
    target = lambda op: {"Content-Type": "application/x-amz-json-1.1",
                         "X-Amz-Target": f"AWSCognitoIdentityProviderService.{op}"}

    def through_service(data):
        started = time.perf_counter()
        status, body = service.post("/passkey-login", {"signedPasskeyData": data}, {"Content-Type": "application/json"})
        took = (time.perf_counter() - started) * 1000
        assert status == 200 and body.get("idToken"), (status, body)
        return took

    def raw_python(data):
        started = time.perf_counter()
        status, challenge = cognito.post("/", {"AuthFlow": "CUSTOM_AUTH", "ClientId": seed["client"],
                                               "AuthParameters": {"USERNAME": seed["username"]}}, target("InitiateAuth"))
        assert status == 200, challenge
        status, result = cognito.post("/", {"ChallengeName": "CUSTOM_CHALLENGE", "ClientId": seed["client"],
                                            "Session": challenge["Session"],
                                            "ChallengeResponses": {"USERNAME": seed["username"], "ANSWER": data}},
                                      target("RespondToAuthChallenge"))
        took = (time.perf_counter() - started) * 1000
        assert status == 200 and result["AuthenticationResult"]["IdToken"], result
        return took

    def http_floor(_):
        """GET /client-state: what any request through the service's HTTP stack costs (context)."""
        started = time.perf_counter()
        service.connection.request("GET", "/client-state")
        response = service.connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        return (time.perf_counter() - started) * 1000

    columns = (("service", through_service), ("raw_java", java.login), ("raw_python", raw_python),
               ("http_floor", http_floor))
    for _ in range(args.warmup):
        for _, login in columns:
            login(signed_passkey_data(seed, seed["username"]))
    timings = {name: [] for name, _ in columns}
    for _ in range(args.iterations):
        for name, login in columns:
            timings[name].append(login(signed_passkey_data(seed, seed["username"])))
    s, p, floor = timings["service"], timings["raw_python"], timings["http_floor"]
    j, j_outer = [inner for inner, _ in timings["raw_java"]], [outer for _, outer in timings["raw_java"]]
    print(f"{args.iterations} sequential logins per column after {args.warmup} warm-up logins each, interleaved")
    print(f"raw calls, service's SDK client (bench/RawCognitoLogin.java): p50 {percentile(j, 50):.2f} ms  p99 {percentile(j, 99):.2f} ms")
    print(f"  same, timed here around the pipe round trip to that JVM: p50 {percentile(j_outer, 50):.2f} ms  p99 {percentile(j_outer, 99):.2f} ms")
    print(f"raw calls, Python http.client (context):                  p50 {percentile(p, 50):.2f} ms  p99 {percentile(p, 99):.2f} ms")
    print(f"GET /client-state through the service (HTTP floor, context): p50 {percentile(floor, 50):.2f} ms  p99 {percentile(floor, 99):.2f} ms")
    print(f"through /passkey-login (incl. the loopback HTTP hop):      p50 {percentile(s, 50):.2f} ms  p99 {percentile(s, 99):.2f} ms")
    print(f"RESULT /passkey-login adds p50 {percentile(s, 50) - percentile(j, 50):+.2f} ms over the two raw Cognito calls "
          f"with the service's HTTP client settings (target <= 3 ms); p99 {percentile(s, 99) - percentile(j, 99):+.2f} ms; "
          f"p50 {percentile(s, 50) - percentile(j_outer, 50):+.2f} ms when the raw JVM is timed from here too (pipe hop vs HTTP hop); "
          f"over Python http.client p50 {percentile(s, 50) - percentile(p, 50):+.2f} ms")
    return 0


if __name__ == "__main__":
    run(main)
