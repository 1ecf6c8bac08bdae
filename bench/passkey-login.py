"""Benchmark 3: POST /passkey-login end to end through the packaged service vs the two raw Cognito
calls (InitiateAuth CUSTOM_AUTH + RespondToAuthChallenge) sent straight to the same local Cognito,
interleaved in one run. Both paths run the same triggers (the Lambda jar behind the local Invoke API)
and the same Corbado stand-in, so the difference is what the service adds.

Usage (after ./mvnw package): python3 bench/passkey-login.py [--iterations 300]
Loopback only; bounded; stops everything it started.
"""
import argparse
import http.client
import json
import tempfile
import time
import urllib.parse

from benchlib import median, run, signed_passkey_data, start_stack


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=300)
    args = parser.parse_args()
    # One client sends hundreds of logins on purpose.
    stack = start_stack(tempfile.mkdtemp(prefix="bench-login-"), env={"RATE_LIMIT_ENABLED": "false"}, triggers=True)
    seed = stack.seed
    service, cognito = Client(stack.url), Client(seed["endpoint"])
    target = lambda op: {"Content-Type": "application/x-amz-json-1.1",
                         "X-Amz-Target": f"AWSCognitoIdentityProviderService.{op}"}

    def through_service():
        status, body = service.post("/passkey-login", {"signedPasskeyData": signed_passkey_data(seed, seed["username"])},
                                    {"Content-Type": "application/json"})
        assert status == 200 and body.get("idToken"), (status, body)

    def raw_cognito():
        data = signed_passkey_data(seed, seed["username"])
        status, challenge = cognito.post("/", {"AuthFlow": "CUSTOM_AUTH", "ClientId": seed["client"],
                                               "AuthParameters": {"USERNAME": seed["username"]}}, target("InitiateAuth"))
        assert status == 200, challenge
        status, result = cognito.post("/", {"ChallengeName": "CUSTOM_CHALLENGE", "ClientId": seed["client"],
                                            "Session": challenge["Session"],
                                            "ChallengeResponses": {"USERNAME": seed["username"], "ANSWER": data}},
                                      target("RespondToAuthChallenge"))
        assert status == 200 and result["AuthenticationResult"]["IdToken"], result

    for _ in range(50):  # warm both paths (JIT, connections)
        through_service()
        raw_cognito()
    timings = {"service": [], "raw": []}
    for _ in range(args.iterations):
        for name, call in (("service", through_service), ("raw", raw_cognito)):
            started = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - started) * 1000)
    s, r = timings["service"], timings["raw"]
    print(f"{args.iterations} sequential logins each, interleaved")
    print(f"raw Cognito calls:     p50 {percentile(r, 50):.2f} ms  p99 {percentile(r, 99):.2f} ms")
    print(f"through /passkey-login: p50 {percentile(s, 50):.2f} ms  p99 {percentile(s, 99):.2f} ms")
    print(f"RESULT /passkey-login adds p50 {percentile(s, 50) - percentile(r, 50):+.2f} ms, "
          f"p99 {percentile(s, 99) - percentile(r, 99):+.2f} ms over the two raw Cognito calls "
          f"(ratio of medians {median(s) / median(r):.2f}x)")
    return 0


if __name__ == "__main__":
    run(main)
