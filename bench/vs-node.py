"""Benchmark: the service against the seed's own logic (bench/node/peer.mjs: plain Node http +
aws-jwt-verify + fetch, as the integration guide writes it), side by side in one run, each pinned to
one core (the Deployment's CPU limit) while the load generator, the Node Corbado stand-in and the
local Cognito share the other core.

Cold: each side is spawned under load (wrk starts with the process, a different ID token on every
request); counted are the 200s answered within --cold-seconds of the spawn, plus start-to-ready.
The order alternates per round, every round spawns both afresh. Warm: the last round's processes are
warmed for --warmup seconds each, then measured in interleaved rounds with the same load generator.
While one side is measured every other side is stopped (SIGSTOP), so no JIT backlog steals its core.

The service runs as the image runs it: Java 25 (JDK25_JAVA, default the Temurin 25 JDK), the image's
entrypoint flags and environment, at a 512Mi limit, with an AOT cache trained first by
scripts/aot-train.py on the same target/quarkus-app (a cache only serves the directory it was trained in).

Usage (after ./mvnw package -DskipTests): python3 bench/vs-node.py [--java <java>] [--jvm '<flags>']
  [--aot train|none|<file>] [--variant NAME='<extra flags>' ...] [--cold-rounds 2] [--rounds 3] [--seconds 10]
Loopback only; bounded in time; stops everything it started.
"""
import argparse
import base64
import importlib
import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request


from benchlib import HERE, IMAGE_ENV, IMAGE_JAR, IMAGE_JVM_FLAGS, jar_path, localenv, median, require, run

aot_train = importlib.import_module("aot-train")

SERVICE_CORE, LOAD_CORE = "1", {0}
PEER_DIR = os.path.join(HERE, "node")
BODY = json.dumps({"type": "passkey-list"})
DRAIN_SECONDS = 2.5  # longer than the service's Corbado timeout (2 s)


def wait_port(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


class Contestant:
    """One side: spawn() starts it pinned to the service core and returns (process, url, is_ready)."""

    def __init__(self, name, spawn):
        self.name, self.spawn = name, spawn


def peer(logdir, seed, standin):
    def spawn():
        port = localenv.free_port()
        env = dict(os.environ, PORT=str(port), USER_POOL_ID=seed["pool"], CLIENT_ID=seed["client"],
                   JWKS_URL=f"{seed['endpoint']}/{seed['pool']}/.well-known/jwks.json", CORBADO_BACKEND_API_URL=standin,
                   CORBADO_BACKEND_API_BASIC_AUTH=base64.b64encode(
                       f"{seed['secrets']['project_id']}:{seed['secrets']['api_secret']}".encode()).decode())
        process = localenv.spawn(["taskset", "-c", SERVICE_CORE, "node", os.path.join(PEER_DIR, "peer.mjs")],
                                 os.path.join(logdir, f"peer-{port}.log"), env=env)
        return process, f"http://127.0.0.1:{port}", lambda: _listening(port)
    return Contestant("node peer", spawn)


def service(logdir, seed, standin, java, jvm, jar, name="service"):
    def spawn():
        env = localenv.service_env(seed, standin, localenv.free_port())
        env.update(IMAGE_ENV)
        process = localenv.spawn(["taskset", "-c", SERVICE_CORE, java, *jvm, "-jar", jar],
                                 os.path.join(logdir, f"service-{env['QUARKUS_HTTP_PORT']}.log"), env=env)
        ready_url = localenv.management_url(env) + "/q/health/ready"
        return process, f"http://127.0.0.1:{env['QUARKUS_HTTP_PORT']}", lambda: _http_ok(ready_url)
    return Contestant(name, spawn)


def _listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def _http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=0.5) as r:
            return r.status == 200
    except OSError:
        return False


def wrk(url, tokens, seconds, connections, until=None):
    """wrk at fixed concurrency, a new token per request: 200s counted. With until (a time.time()), wrk
    is stopped with SIGINT at that moment (it still prints its totals): wrk takes whole seconds only."""
    env = dict(os.environ, TOKENS=tokens, BODY=BODY)
    process = subprocess.Popen(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                                "-s", os.path.join(HERE, "tokens.lua"), url + "/connect-tokens"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    if until is not None:
        time.sleep(max(0.0, until - time.time()))
        process.send_signal(signal.SIGINT)
    out = process.communicate(timeout=seconds + 30)[0]
    if process.returncode != 0 or "requests in" not in out:
        raise RuntimeError(f"wrk failed: {out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    ok = requests - (int(non2xx.group(1)) if non2xx else 0)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = requests - ok + (sum(int(n) for n in errors.groups()) if errors else 0)
    if failed and until is None:
        print(f"  warning: {failed} requests failed (non-2xx or socket errors) in this round: "
              "its figure is not a clean throughput", flush=True)
    return {"ok": ok, "requests": requests, "rps": ok / seconds, "failed": failed}


def cpu_by_thread_kind(pid):
    """CPU seconds a process has spent so far, split into its JIT compiler threads (HotSpot names them
    "C1 CompilerThre..." and "C2 CompilerThre...") and everything else."""
    spent = {"C1": 0.0, "C2": 0.0, "rest": 0.0}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended
        name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat.rsplit(")", 1)[1].split()
        kind = name[:2] if name.startswith(("C1 ", "C2 ")) else "rest"
        spent[kind] += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return spent


def describe_cpu(spent):
    total = sum(spent.values())
    jit = spent["C1"] + spent["C2"]
    return (f"{total:.1f} s, of it JIT compilers {jit:.1f} s (C2 {spent['C2']:.1f} s)" if jit else f"{total:.1f} s")


def cold(contestant, tokens, seconds, connections):
    """Spawns the contestant and loads it from the moment its port accepts connections: the 200s
    answered within `seconds` of the spawn, and when it reported ready."""
    started = time.time()
    process, url, is_ready = contestant.spawn()
    ready_at = [None]

    def poll():
        while ready_at[0] is None and time.time() - started < seconds + 30:
            if is_ready():
                ready_at[0] = time.time() - started
            else:
                time.sleep(0.02)
    threading.Thread(target=poll, daemon=True).start()
    port = int(url.rsplit(":", 1)[1])
    while not _listening(port):  # wrk gives up on a refused first connection
        if time.time() - started > seconds:
            raise RuntimeError(f"{contestant.name} did not listen within {seconds} s")
        time.sleep(0.005)
    result = wrk(url, tokens, seconds + 5, connections, until=started + seconds)
    while ready_at[0] is None and time.time() - started < seconds + 30:
        time.sleep(0.05)
    result.update(ready_s=ready_at[0] or float("nan"), rss_mb=localenv.rss_mb(process.pid),
                  cpu=cpu_by_thread_kind(process.pid))
    return process, url, result


def pause(running, keep):
    """SIGSTOPs every running side but keep: an idle JVM is not idle (its JIT still compiles what the
    last load queued) and would steal the measured side's core. Returns a function that resumes them.

    First it waits out DRAIN_SECONDS: wrk stops with requests in flight, and a side frozen while its
    Corbado calls are pending finds their timeouts expired when it is resumed. Those timeouts opened
    the service's Corbado circuit breaker, and the next round measured its 503s (seen in warm rounds
    that dropped to a third, with 24,000-28,000 503s in the service log)."""
    paused = [process for name, (process, _) in running.items() if name != keep]
    if paused:
        time.sleep(DRAIN_SECONDS)
    for process in paused:
        os.killpg(process.pid, signal.SIGSTOP)

    def resume():
        for process in paused:
            os.killpg(process.pid, signal.SIGCONT)
    return resume


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--java", default=os.environ.get("JDK25_JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"),
                        help="the service's java (default: Java 25, the image's runtime)")
    parser.add_argument("--jvm", default=" ".join(IMAGE_JVM_FLAGS), help="the service's JVM flags (default: the image's)")
    parser.add_argument("--memory-limit", default="512m", help="the container limit the JVM sizes itself for")
    parser.add_argument("--aot", default="train",
                        help="'train' (a training run first, as the image build does), 'none', or a cache file")
    parser.add_argument("--train-seconds", type=int, default=30)
    parser.add_argument("--jar", default=IMAGE_JAR, help="the service's jar (default: the one the image runs)")
    parser.add_argument("--jar-variant", action="append", default=[], metavar="NAME=JAR",
                        help="also run the service from this jar, with its own AOT cache (repeatable), e.g. "
                             "'fast-jar=target/quarkus-app/quarkus-run.jar'")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=FLAGS",
                        help="also run the service with these extra JVM flags (repeatable), e.g. "
                             "'c1=-XX:TieredStopAtLevel=1': every variant is measured beside the others")
    parser.add_argument("--cold-rounds", type=int, default=2)
    parser.add_argument("--cold-seconds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=45)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--tokens", type=int, default=6000, help="distinct ID tokens (more than the service caches)")
    args = parser.parse_args()
    require("wrk", "node", "npm", "taskset")
    if not os.path.isdir(os.path.join(PEER_DIR, "node_modules")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=PEER_DIR, check=True)
    # Everything but the contestants shares the other core.
    os.sched_setaffinity(0, LOAD_CORE)
    base_jvm = [f"-XX:MaxRAM={args.memory_limit}", *args.jvm.split()]
    logdir = tempfile.mkdtemp(prefix="bench-vs-node-")

    def with_cache(jar, name):
        if args.aot == "train":
            cache = os.path.join(logdir, f"{name}.aot")
            aot_train.train(args.java, cache, base_jvm, seconds=args.train_seconds, jar=jar,
                            logdir=os.path.join(logdir, f"training-{name}"))
            return [*base_jvm, f"-XX:AOTCache={cache}", "-XX:AOTMode=on"]  # a refused cache fails the run
        return base_jvm if args.aot == "none" else [*base_jvm, f"-XX:AOTCache={args.aot}", "-XX:AOTMode=on"]
    jar_variants = [(name, jar_path(jar)) for name, jar in (v.split("=", 1) for v in args.jar_variant)]
    jvm = with_cache(jar_path(args.jar), "service")
    jar_variants = [(name, jar, with_cache(jar, name)) for name, jar in jar_variants]

    seed = localenv.seed(localenv.start_aws(logdir))
    standin_port = localenv.free_port()
    localenv.spawn(["node", os.path.join(PEER_DIR, "corbado-standin.mjs")], os.path.join(logdir, "standin.log"),
                   env=dict(os.environ, PORT=str(standin_port)))
    wait_port(standin_port)
    standin = f"http://127.0.0.1:{standin_port}"
    tokens = os.path.join(logdir, "tokens.txt")
    with open(tokens, "w") as out:
        out.write("\n".join(localenv.mint_id_tokens(seed, args.tokens, distinct_users=True)) + "\n")
    sides = [peer(logdir, seed, standin), service(logdir, seed, standin, args.java, jvm, jar_path(args.jar))]
    for variant in args.variant:
        name, flags = variant.split("=", 1)
        sides.append(service(logdir, seed, standin, args.java, jvm + flags.split(), jar_path(args.jar), name))
    for name, jar, variant_jvm in jar_variants:
        sides.append(service(logdir, seed, standin, args.java, variant_jvm, jar, name))
    print(f"service: {args.java} {' '.join(jvm)}; both pinned to core {SERVICE_CORE}; "
          f"{args.tokens} distinct ID tokens; logs in {logdir}", flush=True)

    cold_results = {s.name: [] for s in sides}
    running = {}
    for round_no in range(args.cold_rounds):
        for side in (sides if round_no % 2 == 0 else sides[::-1]):
            time.sleep(2)  # let the previous side's exit settle
            resume = pause(running, side.name)
            process, url, result = cold(side, tokens, args.cold_seconds, args.connections)
            resume()
            cold_results[side.name].append(result)
            print(f"cold round {round_no + 1}: {side.name:9} ready after {result['ready_s']:.2f} s, "
                  f"{result['ok']} answered (200) within {args.cold_seconds} s of the spawn, "
                  f"RSS {result['rss_mb']:.0f} MB, CPU {describe_cpu(result['cpu'])}", flush=True)
            if round_no < args.cold_rounds - 1:
                stop(process)
            else:
                running[side.name] = (process, url)

    def measure(side, seconds):
        resume = pause(running, side.name)
        try:
            return wrk(running[side.name][1], tokens, seconds, args.connections)
        finally:
            resume()

    for side in sides:
        measure(side, args.warmup)
    # How much compiling warm code took: C2's share is what a one-core pod pays before it is fast.
    for side in sides:
        print(f"after warm-up: {side.name} CPU {describe_cpu(cpu_by_thread_kind(running[side.name][0].pid))}", flush=True)
    warm = {s.name: [] for s in sides}
    for round_no in range(args.rounds):
        for side in (sides if round_no % 2 == 0 else sides[::-1]):
            warm[side.name].append(measure(side, args.seconds)["rps"])
        print(f"warm round {round_no + 1}: " + " | ".join(f"{n} {v[-1]:.0f} req/s" for n, v in warm.items()), flush=True)
    peer_cold = median([r["ok"] for r in cold_results["node peer"]])
    peer_ready = median([r["ready_s"] for r in cold_results["node peer"]])
    peer_warm = median(warm["node peer"])
    print()
    for side in sides[1:]:
        name = side.name
        cold_ok = median([r["ok"] for r in cold_results[name]])
        ready = median([r["ready_s"] for r in cold_results[name]])
        warm_rps = median(warm[name])
        print(f"RESULT {name} cold: answered within {args.cold_seconds} s of process start, one core, distinct tokens: "
              f"{cold_ok:.0f} vs node peer {peer_cold:.0f}: {cold_ok / peer_cold:.2f}x (target >= 1); "
              f"start to ready {ready:.2f} s vs {peer_ready:.2f} s")
        print(f"RESULT {name} warm: /connect-tokens per core, distinct tokens: {warm_rps:.0f} vs node peer "
              f"{peer_warm:.0f} req/s: {warm_rps / peer_warm:.2f}x (target >= 3); "
              f"RSS after load {localenv.rss_mb(running[name][0].pid):.0f} MB")
    return 0


if __name__ == "__main__":
    run(main)
