"""Load soak (not part of the test run): a steady loopback rate across every endpoint of the packaged
service, mixing good and bad requests, for a bounded time (default 10 minutes). Checks: zero
unexpected statuses, RSS stable (sampled each 10 s), no ERROR lines in the service log.

Usage (after ./mvnw package): python3 bench/soak.py [--minutes 10] [--rate 200]
Loopback only; stops by itself and stops everything it started.
"""
import argparse
import base64
import concurrent.futures
import http.client
import json
import sys
import tempfile
import threading
import time
import urllib.parse

from benchlib import localenv


def spd(username, expired=False):
    b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    payload = {"webauthnId": username, "username": username, "exp": int(time.time()) + (-600 if expired else 600)}
    return ".".join([b64(b'{"alg":"RS256"}'), b64(json.dumps(payload).encode()), b64(b"sig")])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=int, default=200, help="requests per second, all endpoints together")
    args = parser.parse_args()
    logdir = tempfile.mkdtemp(prefix="soak-")
    try:
        corbado = localenv.start_corbado(logdir)
        lambda_host = localenv.start_lambda_host(logdir, corbado)
        seed = localenv.seed(localenv.start_aws(logdir, lambda_endpoint=lambda_host))
        env = localenv.service_env(seed, corbado, localenv.free_port())
        env["RATE_LIMIT_LOGIN_PER_MINUTE"] = "1000000"
        env["RATE_LIMIT_ACTIONS_PER_MINUTE"] = "1000000"
        service, url, _ = localenv.start_service(logdir, env)
        token, secret, user = seed["id_token"], seed["secrets"]["actions_secret"], seed["username"]
        json_h = {"Content-Type": "application/json"}
        # (method, path, body, headers, expected status)
        mix = [
            ("POST", "/connect-tokens", {"type": "passkey-list"}, {**json_h, "Authorization": "Bearer " + token}, 200),
            ("POST", "/connect-tokens", {"type": "nope"}, {**json_h, "Authorization": "Bearer " + token}, 400),
            ("POST", "/connect-tokens", {"type": "passkey-list"}, {**json_h, "Authorization": "Bearer bad"}, 401),
            ("POST", "/passkey-login", lambda: {"signedPasskeyData": spd(user), "clientState": "cs"}, json_h, 200),
            ("POST", "/passkey-login", lambda: {"signedPasskeyData": spd(user, expired=True)}, json_h, 401),
            ("POST", "/passkey-login", {"signedPasskeyData": "garbage"}, json_h, 400),
            ("POST", "/passkey-append-complete", {"appendStatus": "skip-explicit"}, {**json_h, "Authorization": "Bearer " + token}, 200),
            ("POST", "/passkey-append-complete", {"appendStatus": "complete"}, {**json_h, "Authorization": "Bearer " + token}, 200),
            ("POST", "/actions/pre-login", {"identifier": localenv.EMAIL}, {**json_h, "Authorization": "Bearer " + secret}, 200),
            ("POST", "/actions/pre-login", {"identifier": "x@example.com"}, {**json_h, "Authorization": "Bearer wrong"}, 401),
            ("POST", "/actions/post-append", {"username": user}, {**json_h, "Authorization": "Bearer " + secret}, 200),
            ("GET", "/client-state", None, {"Cookie": "__Host-cbo_client_state=cs"}, 200),
            ("POST", "/connect-tokens", "{", {**json_h, "Authorization": "Bearer " + token}, 400),
            ("POST", "/connect-tokens", "type=x", {"Content-Type": "text/plain", "Authorization": "Bearer " + token}, 415),
        ]
        parsed = urllib.parse.urlparse(url)
        local = threading.local()
        unexpected, counts, lock = [], {}, threading.Lock()

        def send(i):
            method, path, body, headers, expected = mix[i % len(mix)]
            body = body() if callable(body) else body
            payload = body if isinstance(body, str) else (json.dumps(body) if body is not None else None)
            if not hasattr(local, "c"):
                local.c = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
            try:
                local.c.request(method, path, body=payload, headers=headers)
                r = local.c.getresponse()
                r.read()
                status = r.status
            except Exception as e:  # noqa: BLE001 - any transport failure is unexpected here
                local.c = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
                status = type(e).__name__
            with lock:
                counts[status] = counts.get(status, 0) + 1
                if status != expected and len(unexpected) < 50:
                    unexpected.append((method, path, expected, status))

        deadline = time.time() + args.minutes * 60
        rss = []
        next_sample = time.time()
        sent = 0
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            start = time.time()
            while time.time() < deadline:
                target = int((time.time() - start) * args.rate)
                while sent < target:
                    pool.submit(send, sent)
                    sent += 1
                if time.time() >= next_sample:
                    rss.append(localenv.rss_mb(service.pid))
                    next_sample += 10
                time.sleep(0.005)
        errors = [line for line in open(f"{logdir}/service.log") if '"level":"ERROR"' in line]
        print(f"soak: {args.minutes} min at {args.rate} req/s, {sent} requests, statuses {counts}")
        print(f"RSS MB every 10 s: first {rss[0]:.0f}, max {max(rss):.0f}, last {rss[-1]:.0f}; "
              f"last-third mean {sum(rss[len(rss)*2//3:]) / max(1, len(rss) - len(rss)*2//3):.0f}")
        print(f"unexpected statuses: {len(unexpected)} {unexpected[:5]}; ERROR log lines: {len(errors)}")
        ok = not unexpected and not errors
        print("RESULT soak " + ("OK" if ok else "FAILED"))
        return 0 if ok else 1
    finally:
        localenv.stop_all()


if __name__ == "__main__":
    sys.exit(main())
