"""Training run for a JDK 25 AOT cache (JEP 483 class loading/linking, JEP 514 one-step workflow,
JEP 515 method profiles): starts the local stack (scripts/localenv.py: moto Cognito/SSM with the
passkey triggers, WireMock Corbado), runs the packaged service with the given java and flags plus
-XX:AOTCacheOutput=<out>, drives every endpoint with good and bad requests (distinct ID tokens) for a
bounded time, stops the service with SIGTERM (a graceful exit is what writes the cache) and fails
loudly when no cache was written. Then (unless --no-verify) it starts the service once more with
-XX:AOTCache=<out> -XX:AOTMode=on, which refuses to start on a cache it cannot use.

A cache is only valid for
- the same JDK build: the runtime's modules image is validated (a jlinked runtime is its own JDK, so
  the image's cache is trained with the image's runtime: scripts/build-image.sh),
- the same class path at the same place: the same jars in the same order. The JDK itself accepts a
  moved application directory (it matches the longest common prefix), but the Quarkus fast-jar does
  not: QuarkusEntryPoint finds its application directory through its class's code source, and the
  cache keeps the one from training, so a service run from a copy loads the training directory's
  jars. Train where the service will run (the image: /deployments). CDS documents that jar sizes and
  modification times are checked too; Temurin 25.0.3 did not refuse a touched boot jar here, so do
  not rely on either: train again after every build of target/quarkus-app (or of an image layer),
- the same object layout: a cache trained without -XX:+UseCompactObjectHeaders is refused with it
  ("UseCompactObjectHeaders setting (disabled) does not equal the current ..."). Another GC was
  accepted here (a SerialGC cache under ParallelGC), but train with the production flags anyway:
  what the cache holds (archived heap objects, profiles) is made for them.
With the default -XX:AOTMode=auto a refused cache silently runs without it; -XX:AOTMode=on makes the
JVM exit instead (this script's verify step, scripts/check-image.sh, bench/jvm-startup.py).

Usage: python3 scripts/aot-train.py --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --out target/app.aot
                                    [--jvm '<flags>'] [--seconds 30] [--jar <path>] [--chroot <rootfs>]
Importable: train(java, out, jvm_args, seconds, ...) returns a dict of what happened.
Loopback only; bounded; stops everything it started.
"""
import argparse
import concurrent.futures
import http.client
import json
import os
import shlex
import signal
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import localenv  # noqa: E402

# The service answers with one attempt per request; limits high enough that one client is not throttled,
# but the rate-limit filter still runs on every request as in production.
TRAINING_ENV = {"RATE_LIMIT_LOGIN_PER_MINUTE": "1000000", "RATE_LIMIT_ACTIONS_PER_MINUTE": "1000000"}


def request_mix(seed, tokens):
    """(weight, method, path, body or body factory, headers factory): every endpoint, good and bad."""
    project, secret, user = seed["secrets"]["project_id"], seed["secrets"]["actions_secret"], seed["username"]
    counter = iter(range(10 ** 9))
    token = lambda: tokens[next(counter) % len(tokens)]
    json_h = {"Content-Type": "application/json"}
    bearer = lambda value: {**json_h, "Authorization": "Bearer " + value}
    login = lambda **kw: {"signedPasskeyData": localenv.signed_passkey_data(project, user, **kw), "clientState": "cs-1"}
    return [
        (30, "POST", "/connect-tokens", {"type": "passkey-list"}, lambda: bearer(token())),
        (6, "POST", "/connect-tokens", {"type": "passkey-append"}, lambda: bearer(token())),
        (3, "POST", "/connect-tokens", {"type": "passkey-delete"}, lambda: bearer(token())),
        (3, "POST", "/connect-tokens", {"type": "nope"}, lambda: bearer(token())),
        (3, "POST", "/connect-tokens", "{", lambda: bearer(token())),
        (2, "POST", "/connect-tokens", "type=x", lambda: {"Content-Type": "text/plain", "Authorization": "Bearer " + token()}),
        (4, "POST", "/connect-tokens", {"type": "passkey-list"}, lambda: bearer("not.a.jwt")),
        (2, "POST", "/connect-tokens", {"type": "passkey-list"}, lambda: json_h),
        (2, "POST", "/connect-tokens", {"type": "passkey-list", "data": "x" * 20000}, lambda: bearer(token())),
        (6, "POST", "/passkey-login", lambda: login(), lambda: json_h),
        (2, "POST", "/passkey-login", lambda: login(lifetime=-600), lambda: json_h),
        (2, "POST", "/passkey-login", {"signedPasskeyData": "garbage"}, lambda: json_h),
        (1, "POST", "/passkey-login", {"signedPasskeyData": 5}, lambda: json_h),
        (3, "POST", "/passkey-append-complete", {"appendStatus": "skip-explicit"}, lambda: bearer(token())),
        (2, "POST", "/passkey-append-complete", {"appendStatus": "complete", "clientState": "cs-2"}, lambda: bearer(token())),
        (1, "POST", "/passkey-append-complete", {"appendStatus": "bogus"}, lambda: bearer(token())),
        (3, "POST", "/actions/pre-login", {"identifier": localenv.EMAIL}, lambda: bearer(secret)),
        (1, "POST", "/actions/pre-login", {"identifier": "nobody@example.com"}, lambda: bearer(secret)),
        (1, "POST", "/actions/pre-login", {"identifier": "x@example.com"}, lambda: bearer("wrong")),
        (2, "POST", "/actions/post-append", {"username": user}, lambda: bearer(secret)),
        (1, "POST", "/actions/post-append", {"username": "no-such-user"}, lambda: bearer(secret)),
        (2, "GET", "/client-state", None, lambda: {"Cookie": "__Host-cbo_client_state=cs"}),
        (1, "GET", "/client-state", None, lambda: {}),
        (1, "GET", "/nope", None, lambda: {}),
        (1, "DELETE", "/connect-tokens", None, lambda: {}),
    ]


def drive(url, mix, seconds, workers=8):
    """Sends the weighted mix from `workers` keep-alive connections for `seconds`; status counts per path."""
    schedule = [entry for entry in mix for _ in range(entry[0])]
    address = urllib.parse.urlparse(url)
    counts, lock = {}, threading.Lock()
    deadline = time.time() + seconds

    def worker(offset):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        i = offset
        while time.time() < deadline:
            _, method, path, body, headers = schedule[i % len(schedule)]
            i += 7  # coprime with the schedule's spread: workers walk it in different orders
            body = body() if callable(body) else body
            payload = body if isinstance(body, str) else (json.dumps(body) if body is not None else None)
            try:
                connection.request(method, path, body=payload, headers=headers())
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as e:
                connection.close()
                connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
                status = type(e).__name__
            with lock:
                counts.setdefault(f"{method} {path}", {}).setdefault(status, 0)
                counts[f"{method} {path}"][status] += 1
        connection.close()

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for f in [pool.submit(worker, n * 13) for n in range(workers)]:
            f.result()
    return counts


def train(java, out, jvm_args=(), seconds=30, jar=None, root=None, logdir=None, verify=True, tokens=200, workers=8,
          log=print):
    """Writes an AOT cache to out (a path inside root when root is given) from a training run; returns
    {"cache", "bytes", "requests", "counts", "train_ready_s", "verify_ready_s"}. Raises when no usable
    cache was written. Stops every process it started."""
    logdir = logdir or tempfile.mkdtemp(prefix="aot-train-")
    os.makedirs(logdir, exist_ok=True)
    java = shlex.split(java) if isinstance(java, str) else list(java)
    jvm_args = [a for a in (shlex.split(jvm_args) if isinstance(jvm_args, str) else jvm_args)
                if not a.startswith(("-XX:AOTCache=", "-XX:AOTMode=", "-XX:AOTCacheOutput=", "-XX:SharedArchiveFile="))]
    host_out = (root or "") + out
    os.makedirs(os.path.dirname(os.path.abspath(host_out)), exist_ok=True)
    for stale in (host_out, host_out + ".config"):
        if os.path.exists(stale):
            os.remove(stale)
    try:
        corbado = localenv.start_corbado(logdir)
        lambda_host = localenv.start_lambda_host(logdir, corbado)
        seed = localenv.seed(localenv.start_aws(logdir, lambda_endpoint=lambda_host))
        token_list = localenv.mint_id_tokens(seed, tokens)  # distinct: each one verified once
        env = localenv.service_env(seed, corbado, localenv.free_port())
        env.update(TRAINING_ENV)
        started = time.time()
        service, url, ready_s = localenv.start_service(logdir, env, jar=jar, java=java, root=root, log="train.log",
                                                       jvm_args=[*jvm_args, f"-XX:AOTCacheOutput={out}"], timeout=300)
        log(f"training JVM ready after {ready_s:.2f} s; driving every endpoint for {seconds} s ...")
        counts = drive(url, request_mix(seed, token_list), seconds, workers)
        requests = sum(sum(by_status.values()) for by_status in counts.values())
        for path, by_status in sorted(counts.items()):
            log(f"  {path}: {dict(sorted(by_status.items(), key=str))}")
        for must in ("POST /connect-tokens", "POST /passkey-login", "POST /passkey-append-complete",
                     "POST /actions/pre-login", "POST /actions/post-append"):
            if not counts.get(must, {}).get(200):
                raise RuntimeError(f"training never got a 200 from {must}: {counts.get(must)}; log {logdir}/train.log")
        log("stopping the training JVM (SIGTERM); it writes the cache on exit ...")
        code = localenv.stop(service, timeout=600)
        if code not in (0, 143):
            raise RuntimeError(f"training JVM exited with {code}; log {logdir}/train.log:\n" + localenv.tail(f"{logdir}/train.log"))
        if not os.path.exists(host_out) or os.path.getsize(host_out) == 0 or os.path.getmtime(host_out) < started:
            raise RuntimeError(f"NO AOT CACHE written to {host_out} (needs a JDK 24+; log {logdir}/train.log):\n"
                               + localenv.tail(f"{logdir}/train.log", 30))
        result = {"cache": host_out, "bytes": os.path.getsize(host_out), "requests": requests, "counts": counts,
                  "train_ready_s": ready_s, "verify_ready_s": None, "logdir": logdir}
        log(f"AOT cache written: {host_out} ({result['bytes'] / 1e6:.1f} MB) after {requests} requests")
        if verify:
            env = dict(env, QUARKUS_HTTP_PORT=str(localenv.free_port()), QUARKUS_MANAGEMENT_PORT=str(localenv.free_port()))
            service, _, verify_s = localenv.start_service(
                logdir, env, jar=jar, java=java, root=root, log="verify.log", timeout=300,
                jvm_args=[*jvm_args, f"-XX:AOTCache={out}", "-XX:AOTMode=on"])
            localenv.stop(service)
            result["verify_ready_s"] = verify_s
            log(f"verified: the service starts with -XX:AOTCache -XX:AOTMode=on (ready after {verify_s:.2f} s)")
        return result
    finally:
        localenv.stop_all()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--java", default="java", help="java binary (or command prefix) of the JDK 24+ that will use the cache")
    parser.add_argument("--out", required=True, help="the AOT cache to write (inside --chroot when given)")
    parser.add_argument("--jvm", default="", help="the production JVM flags (GC, object headers, heap) the cache will be used with")
    parser.add_argument("--seconds", type=float, default=30, help="how long to drive traffic")
    parser.add_argument("--jar", default=None, help="default target/quarkus-app/quarkus-run.jar")
    parser.add_argument("--chroot", default=None, help="root filesystem (an unpacked image) to run java in as uid 1001")
    parser.add_argument("--tokens", type=int, default=200, help="distinct ID tokens")
    parser.add_argument("--no-verify", action="store_true", help="skip the -XX:AOTMode=on start")
    args = parser.parse_args()
    try:
        train(args.java, args.out, args.jvm, args.seconds, jar=args.jar, root=args.chroot, verify=not args.no_verify,
              tokens=args.tokens)
    except RuntimeError as e:
        print(f"aot-train FAILED: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks: stop what was started
    sys.exit(main())
