"""Shows graceful shutdown of the packaged service: SIGTERM arrives while requests are in flight
(Corbado answering slowly); the in-flight requests still complete 200, a request sent after SIGTERM
is refused (503 or connection refused), and the process exits cleanly (143, the JVM's SIGTERM exit) within the shutdown timeout.

Usage (after ./mvnw package): python3 scripts/graceful-shutdown.py
Loopback only; every process it starts is stopped at the end.
"""
import concurrent.futures
import json
import os
import signal
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import localenv  # noqa: E402

IN_FLIGHT = 8
CORBADO_DELAY_MS = 3000


def connect_token(url, token):
    request = urllib.request.Request(url + "/connect-tokens", data=json.dumps({"type": "passkey-list"}).encode(),
                                     method="POST", headers={"Content-Type": "application/json",
                                                             "Authorization": "Bearer " + token})
    started = time.time()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, time.time() - started
    except urllib.error.HTTPError as e:
        return e.code, time.time() - started
    except OSError as e:
        return type(e).__name__, time.time() - started


def main():
    logdir = tempfile.mkdtemp(prefix="graceful-")
    try:
        seed = localenv.seed(localenv.start_aws(logdir))
        corbado = localenv.start_corbado(logdir, delay_ms=CORBADO_DELAY_MS)
        port = localenv.free_port()
        env = localenv.service_env(seed, corbado, port)
        env["CORBADO_TIMEOUT"] = "10s"
        service, url, _ = localenv.start_service(logdir, env)
        with concurrent.futures.ThreadPoolExecutor(IN_FLIGHT + 1) as pool:
            inflight = [pool.submit(connect_token, url, seed["id_token"]) for _ in range(IN_FLIGHT)]
            time.sleep(1.0)
            sigterm_at = time.time()
            os.kill(service.pid, signal.SIGTERM)
            time.sleep(0.3)
            late = connect_token(url, seed["id_token"])
            results = [f.result() for f in inflight]
        code = service.wait(timeout=30)
        exit_after = time.time() - sigterm_at
        print(f"in-flight requests at SIGTERM: {IN_FLIGHT}, Corbado delay {CORBADO_DELAY_MS} ms")
        print(f"in-flight results: {[status for status, _ in results]}")
        print(f"request after SIGTERM: {late[0]}")
        print(f"process exit code {code}, {exit_after:.1f} s after SIGTERM")
        # 143 = 128 + SIGTERM: how the JVM reports a clean shutdown on SIGTERM.
        ok = all(status == 200 for status, _ in results) and late[0] != 200 and code in (0, 143)
        print("graceful shutdown: " + ("OK" if ok else "FAILED"))
        if not ok:
            print(open(os.path.join(logdir, "service.log")).read()[-3000:])
        return 0 if ok else 1
    finally:
        localenv.stop_all()


if __name__ == "__main__":
    sys.exit(main())
