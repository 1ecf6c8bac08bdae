"""Benchmark 1 + 4: POST /connect-tokens through the packaged service vs the same Corbado request sent
straight to the Corbado stand-in (WireMock), side by side in one run, at the same concurrency and at
a fixed 1,000 req/s; plus start-to-ready time and RSS idle / under load.

Usage (after ./mvnw package): python3 bench/connect-tokens.py [--seconds 10] [--rounds 3] [--jvm '<flags>']
Loopback only; bounded in time; stops everything it started.
"""
import argparse
import base64
import json
import tempfile
import threading
import time

from benchlib import hey_fixed_rate, localenv, median, require, run, start_stack, wrk


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=25)
    parser.add_argument("--jvm", default="-XX:+UseSerialGC",
                        help="JVM flags of the service, e.g. the image's at a 512Mi limit: "
                             "'-XX:MaxRAM=512m -XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=30 -XX:+UseSerialGC -Xss512k'")
    args = parser.parse_args()
    require("wrk", "hey", "java")
    stack = start_stack(tempfile.mkdtemp(prefix="bench-ct-"), jvm_args=args.jvm.split())
    seed, corbado, service, url, ready_s = stack
    time.sleep(3)
    rss_idle = localenv.rss_mb(service.pid)

    basic = "Basic " + base64.b64encode(
        f"{seed['secrets']['project_id']}:{seed['secrets']['api_secret']}".encode()).decode()
    direct = (corbado + "/v2/connectTokens", basic,
              json.dumps({"type": "passkey-list", "data": {"identifier": seed["username"]}}))
    through = (url + "/connect-tokens", "Bearer " + seed["id_token"], json.dumps({"type": "passkey-list"}))

    print(f"start to ready: {ready_s:.2f} s (JVM start, SSM secrets loaded, JWKS reachable); RSS idle {rss_idle:.0f} MB")
    print("warming up both paths ...", flush=True)
    # The JIT needs ~20 s of traffic before the service path settles (measured: 2.4k -> 8.9k req/s).
    wrk(*direct, seconds=10, connections=args.connections)
    wrk(*through, seconds=args.warmup, connections=args.connections)

    peak_rss = [0.0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak_rss[0] = max(peak_rss[0], localenv.rss_mb(service.pid))
            time.sleep(0.2)
    threading.Thread(target=sample, daemon=True).start()

    rows = []
    for round_no in range(1, args.rounds + 1):
        d = wrk(*direct, seconds=args.seconds, connections=args.connections)
        s = wrk(*through, seconds=args.seconds, connections=args.connections)
        rows.append((d, s))
        print(f"round {round_no}: direct {d['rps']:.0f} req/s p50 {d['p50']:.2f} p99 {d['p99']:.2f} ms | "
              f"service {s['rps']:.0f} req/s p50 {s['p50']:.2f} p99 {s['p99']:.2f} ms | "
              f"ratio {s['rps'] / d['rps']:.2f} | non-2xx {d['non2xx']}/{s['non2xx']}", flush=True)
    ratio = median([s["rps"] / d["rps"] for d, s in rows])
    added_p50 = median([s["p50"] - d["p50"] for d, s in rows])
    added_p99 = median([s["p99"] - d["p99"] for d, s in rows])

    fd = hey_fixed_rate(*direct, seconds=args.seconds, rate=1000)
    fs = hey_fixed_rate(*through, seconds=args.seconds, rate=1000)
    stop.set()
    print(f"fixed 1000 req/s: direct {fd['rps']:.0f} req/s p50 {fd['p50']:.2f} p99 {fd['p99']:.2f} ms {fd['statuses']} | "
          f"service {fs['rps']:.0f} req/s p50 {fs['p50']:.2f} p99 {fs['p99']:.2f} ms {fs['statuses']}")
    print()
    print(f"RESULT throughput ratio service/direct at {args.connections} connections: {ratio:.2f}x (target >= 0.9)")
    print(f"RESULT added latency at {args.connections} connections: p50 {added_p50:+.2f} ms, p99 {added_p99:+.2f} ms")
    print(f"RESULT added latency at 1000 req/s: p50 {fs['p50'] - fd['p50']:+.2f} ms, p99 {fs['p99'] - fd['p99']:+.2f} ms (target p99 <= 1 ms)")
    print(f"RESULT start to ready {ready_s:.2f} s (target <= 1 s); RSS idle {rss_idle:.0f} MB (target <= 150), "
          f"peak under load {peak_rss[0]:.0f} MB")
    return 0


if __name__ == "__main__":
    run(main)
