"""Load soak (not part of the test run): a steady loopback rate across every endpoint of the packaged
service, mixing good and bad requests, for a bounded time (default 10 minutes). Fails (exit 1) on any
unexpected status, any ERROR line in the service log, or RSS still growing over the last third of the
run: its least-squares trend over the last third exceeds the tolerance (default 24 MB; RSS is sampled
at least 30 times, every 10 s on a 10-minute run).

Usage (after ./mvnw package): python3 bench/soak.py [--minutes 10] [--rate 200] [--rss-tolerance-mb 24]
Loopback only; stops by itself and stops everything it started.
"""
import argparse
import concurrent.futures
import http.client
import json
import tempfile
import threading
import time
import urllib.parse

from benchlib import localenv, run, signed_passkey_data, start_stack


def rss_growth_in_last_third(samples):
    """MB the RSS grew over the last third of the samples: the least-squares slope times its length, so a
    steady leak counts in full and GC sawtooth noise averages out."""
    last = samples[len(samples) * 2 // 3:]
    n = len(last)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(last) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(last)) / sum((x - mean_x) ** 2 for x in range(n))
    return slope * (n - 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=int, default=200, help="requests per second, all endpoints together")
    parser.add_argument("--rss-tolerance-mb", type=float, default=24,
                        help="allowed RSS growth over the last third (GC and JIT noise, not a leak)")
    args = parser.parse_args()
    logdir = tempfile.mkdtemp(prefix="soak-")
    stack = start_stack(logdir, env={"RATE_LIMIT_LOGIN_PER_MINUTE": "1000000", "RATE_LIMIT_ACTIONS_PER_MINUTE": "1000000"},
                        triggers=True)
    seed, service, url = stack.seed, stack.service, stack.url
    token, secret, user = seed["id_token"], seed["secrets"]["actions_secret"], seed["username"]
    json_h = {"Content-Type": "application/json"}
    # (method, path, body, headers, expected status)
    mix = [
        ("POST", "/connect-tokens", {"type": "passkey-list"}, {**json_h, "Authorization": "Bearer " + token}, 200),
        ("POST", "/connect-tokens", {"type": "nope"}, {**json_h, "Authorization": "Bearer " + token}, 400),
        ("POST", "/connect-tokens", {"type": "passkey-list"}, {**json_h, "Authorization": "Bearer bad"}, 401),
        ("POST", "/passkey-login", lambda: {"signedPasskeyData": signed_passkey_data(seed, user), "clientState": "cs"}, json_h, 200),
        ("POST", "/passkey-login", lambda: {"signedPasskeyData": signed_passkey_data(seed, user, lifetime_s=-600)}, json_h, 401),
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
    sample_every = min(10.0, args.minutes * 60 / 30)
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
                next_sample += sample_every
            time.sleep(0.005)
    errors = [line for line in open(f"{logdir}/service.log") if '"level":"ERROR"' in line]
    print(f"soak: {args.minutes} min at {args.rate} req/s, {sent} requests, statuses {counts}")
    print(f"RSS MB every {sample_every:.0f} s: first {rss[0]:.0f}, max {max(rss):.0f}, last {rss[-1]:.0f}; "
          f"last-third mean {sum(rss[len(rss)*2//3:]) / max(1, len(rss) - len(rss)*2//3):.0f}")
    growth = rss_growth_in_last_third(rss)
    rss_ok = growth <= args.rss_tolerance_mb
    print(f"RSS growth over the last third: {growth:+.1f} MB (tolerance {args.rss_tolerance_mb:.0f} MB): "
          + ("stable" if rss_ok else "STILL GROWING"))
    print(f"unexpected statuses: {len(unexpected)} {unexpected[:5]}; ERROR log lines: {len(errors)}")
    ok = not unexpected and not errors and rss_ok
    print("RESULT soak " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    run(main)
