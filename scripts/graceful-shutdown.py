"""Shows graceful shutdown of the packaged service: SIGTERM arrives while requests are provably in
flight (Corbado, answering in 4 s, has received every one of them and answered none); the in-flight
requests still complete 200 after SIGTERM; a request that arrives after SIGTERM (a proxy that has not yet
seen the pod leave the endpoints) is still served, answered with `Connection: close` so that its client
or proxy does not reuse the connection (Quarkus 3.33's drain; 3.15 answered it 503); and the process exits
cleanly (143, the JVM's SIGTERM exit) within the shutdown timeout (quarkus.shutdown.timeout, 20 s).

Usage (after ./mvnw package): python3 scripts/graceful-shutdown.py
Loopback only; every process it starts is stopped at the end.
"""
import concurrent.futures
import http.client
import json
import os
import signal
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import localenv  # noqa: E402

IN_FLIGHT = 8
CORBADO_DELAY_MS = 4000
SHUTDOWN_TIMEOUT_S = 20  # quarkus.shutdown.timeout in application.properties


def connect_token(url, token):
    """(status, sent_at, done_at, Connection header); sent_at is when the whole request had been written."""
    address = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    sent_at, connection_header = None, None
    try:
        connection.request("POST", "/connect-tokens", body=json.dumps({"type": "passkey-list"}),
                           headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
        sent_at = time.time()
        response = connection.getresponse()
        status, connection_header = response.status, response.getheader("Connection")
    except OSError as e:
        status = type(e).__name__
    finally:
        connection.close()
    return status, sent_at, time.time(), connection_header


def main():
    logdir = tempfile.mkdtemp(prefix="graceful-")
    try:
        seed = localenv.seed(localenv.start_aws(logdir))
        corbado = localenv.start_corbado(logdir, delay_ms=CORBADO_DELAY_MS, journal=True)
        port = localenv.free_port()
        env = localenv.service_env(seed, corbado, port)
        env["CORBADO_TIMEOUT"] = "10s"
        service, url, _ = localenv.start_service(logdir, env)
        with concurrent.futures.ThreadPoolExecutor(IN_FLIGHT + 1) as pool:
            inflight = [pool.submit(connect_token, url, seed["id_token"]) for _ in range(IN_FLIGHT)]
            # In flight means: the service has passed every request on to Corbado, which answers none yet.
            deadline = time.time() + 10
            reached = 0
            while time.time() < deadline and reached < IN_FLIGHT:
                reached = localenv.corbado_requests(corbado)
                time.sleep(0.05)
            answered_before = sum(f.done() for f in inflight)
            sigterm_at = time.time()
            os.kill(service.pid, signal.SIGTERM)
            time.sleep(0.3)
            late = connect_token(url, seed["id_token"])
            results = [f.result() for f in inflight]
        code = service.wait(timeout=SHUTDOWN_TIMEOUT_S + 15)
        exit_after = time.time() - sigterm_at
        print(f"in flight at SIGTERM: {reached} of {IN_FLIGHT} requests had reached Corbado "
              f"(delay {CORBADO_DELAY_MS} ms), {answered_before} answered")
        print(f"in-flight results: {[status for status, _, _, _ in results]}, "
              f"completed {min(done for _, _, done, _ in results) - sigterm_at:.1f}-"
              f"{max(done for _, _, done, _ in results) - sigterm_at:.1f} s after SIGTERM")
        print(f"request after SIGTERM: {late[0]}, Connection: {late[3]}")
        print(f"process exit code {code}, {exit_after:.1f} s after SIGTERM (bound {SHUTDOWN_TIMEOUT_S} s)")
        checks = {
            "every request was in flight at SIGTERM": reached == IN_FLIGHT and answered_before == 0
                and all(sent is not None and sent < sigterm_at < done for _, sent, done, _ in results),
            "every in-flight request completed 200": all(status == 200 for status, _, _, _ in results),
            # Kubernetes takes a terminating pod out of the endpoints at once; a proxy that still sends
            # one more request gets a real answer, and Connection: close moves its next one elsewhere.
            "a request after SIGTERM is served and its connection closed": late[0] == 200
                and (late[3] or "").lower() == "close",
            # 143 = 128 + SIGTERM: how the JVM reports a clean shutdown on SIGTERM.
            "clean exit": code in (0, 143),
            "exit within the shutdown bound": exit_after < SHUTDOWN_TIMEOUT_S,
        }
        for name, passed in checks.items():
            print(f"  {'ok  ' if passed else 'FAIL'} {name}")
        ok = all(checks.values())
        print("graceful shutdown: " + ("OK" if ok else "FAILED"))
        if not ok:
            print(open(os.path.join(logdir, "service.log")).read()[-3000:])
        return 0 if ok else 1
    finally:
        localenv.stop_all()


if __name__ == "__main__":
    sys.exit(main())
