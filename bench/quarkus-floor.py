"""Benchmark: the service beside the floor its stack sets, side by side in one run.

The floor is bench/floor: the smallest Quarkus application on the service's HTTP stack (Quarkus REST +
Jackson on Vert.x, the same platform version), one JSON endpoint. Both run the way the image runs the
service: Java 25, the image's entrypoint flags and environment at a 512Mi limit, the flat class-path
launcher (scripts/aot-launcher.py) and an AOT cache trained on each (the service's by
scripts/aot-train.py, the floor's by 15 s of load on its endpoint). Each is pinned to one core.

Printed per side (medians over --rounds starts, alternating order): start to first answer, idle RSS
(and its anonymous part) --settle seconds after ready, the classes loaded, the AOT cache's size, and
how quickly it warms: the answers within 15 s of the spawn under load, as a share of 15 s at its warm
rate (measured for 10 s after --warmup more seconds of load; 1.0 = fully warm from the first millisecond). The floor's figures bound what
flags can do for the service: what the service adds on top is its own code and libraries.

Usage (after ./mvnw package -DskipTests): python3 bench/quarkus-floor.py [--rounds 3]
Loopback only; bounded in time; stops everything it started.
"""
import argparse
import importlib
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.request

from benchlib import HERE, IMAGE_ENV, IMAGE_JAR, IMAGE_JVM_FLAGS, jar_path, localenv, median, memory, require, run

aot_train = importlib.import_module("aot-train")
vs_node = importlib.import_module("vs-node")

FLOOR_DIR = os.path.join(HERE, "floor")
JAVA = os.environ.get("JDK25_JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
FLOOR_BODY = json.dumps({"type": "passkey-list"})


def build_floor():
    subprocess.run([os.path.join(localenv.ROOT, "mvnw"), "-B", "-q", "-f", os.path.join(FLOOR_DIR, "pom.xml"),
                    "package", "-DskipTests"], check=True)
    return jar_path(os.path.join(FLOOR_DIR, "target", "quarkus-app", "quarkus-aot-run.jar"))


def loaded_classes(pid):
    """Classes loaded so far (the JVM's own counter, cache and class path alike)."""
    jcmd = os.path.join(os.path.dirname(JAVA), "jcmd")
    out = subprocess.run([jcmd, str(pid), "PerfCounter.print"], capture_output=True, text=True).stdout
    return sum(int(n) for n in re.findall(r"^java\.cls\.(?:sharedL|l)oadedClasses=(\d+)", out, re.M))


def floor_side(jar, jvm, logdir):
    def spawn():
        port = localenv.free_port()
        process = localenv.spawn(["taskset", "-c", vs_node.SERVICE_CORE, JAVA, *jvm, f"-Dquarkus.http.port={port}",
                                  "-Dquarkus.http.host=127.0.0.1", "-jar", jar],
                                 os.path.join(logdir, f"floor-{port}.log"), env=dict(os.environ, **IMAGE_ENV))
        url = f"http://127.0.0.1:{port}"
        return process, url, lambda: _answers(url)
    return vs_node.Contestant("floor", spawn)


def _answers(url):
    request = urllib.request.Request(url + "/echo", data=FLOOR_BODY.encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=0.5) as r:
            return r.status == 200
    except OSError:
        return False


def floor_load(url, seconds, until=None):
    """wrk against the floor's endpoint (the same fixed concurrency as the service's load); like everything
    but the contestants it runs on the load core this script pinned itself to."""
    env = dict(os.environ, BODY=FLOOR_BODY, AUTH="none")
    process = subprocess.Popen(["wrk", "-t1", "-c32", f"-d{seconds}s", "-s",
                                os.path.join(HERE, "post.lua"), url + "/echo"], stdout=subprocess.PIPE, text=True, env=env)
    if until is not None:
        time.sleep(max(0.0, until - time.time()))
        process.send_signal(signal.SIGINT)
    out = process.communicate(timeout=seconds + 30)[0]
    return int(re.search(r"(\d+) requests in", out).group(1))


def train_floor(jar, jvm, out, logdir):
    process, url, answers = floor_side(jar, [*jvm, f"-XX:AOTCacheOutput={out}"], logdir).spawn()
    deadline = time.time() + 60
    while not answers():
        if time.time() > deadline or process.poll() is not None:
            raise RuntimeError(f"the floor application did not answer; logs in {logdir}")
        time.sleep(0.05)
    floor_load(url, 15)
    if localenv.stop(process, timeout=300) not in (0, 143) or not os.path.exists(out):
        raise RuntimeError(f"no AOT cache for the floor application; logs in {logdir}")


def measure(side, settle, cold_seconds, warmup, load):
    """Idle figures from one start, then the cold and warm counts from a second start under load."""
    started = time.time()
    process, url, ready = side.spawn()
    while not ready():
        if process.poll() is not None or time.time() - started > 120:
            raise RuntimeError(f"{side.name} did not start")
        time.sleep(0.01)
    row = {"ready": time.time() - started}
    time.sleep(settle)
    idle = memory(process.pid)
    row["rss"], row["anon"] = idle["rss"], idle["anon"]
    row["classes"] = loaded_classes(process.pid)
    localenv.stop(process)
    time.sleep(1)
    process, url, cold = load(side, cold_seconds)
    load.warm(url, warmup)
    warm = load.warm(url, 10)
    localenv.stop(process)
    row["cold"], row["warm_rps"] = cold, warm
    row["warmth"] = cold / (cold_seconds * warm)
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--settle", type=float, default=5, help="seconds after ready before idle RSS is read")
    parser.add_argument("--cold-seconds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=45, help="seconds of load after the cold window before the warm rate")
    parser.add_argument("--train-seconds", type=int, default=30)
    args = parser.parse_args()
    require("wrk", "node", "taskset")
    os.sched_setaffinity(0, vs_node.LOAD_CORE)
    logdir = tempfile.mkdtemp(prefix="bench-floor-")
    jvm = ["-XX:MaxRAM=512m", *IMAGE_JVM_FLAGS]

    floor_jar = build_floor()
    floor_cache = os.path.join(logdir, "floor.aot")
    train_floor(floor_jar, jvm, floor_cache, logdir)
    service_jar = jar_path(IMAGE_JAR)
    service_cache = os.path.join(logdir, "service.aot")
    aot_train.train(JAVA, service_cache, jvm, seconds=args.train_seconds, jar=service_jar,
                    logdir=os.path.join(logdir, "training"), log=lambda *_: None)

    seed = localenv.seed(localenv.start_aws(logdir))
    standin_port = localenv.free_port()
    localenv.spawn(["node", os.path.join(vs_node.PEER_DIR, "corbado-standin.mjs")], os.path.join(logdir, "standin.log"),
                   env=dict(os.environ, PORT=str(standin_port)))
    vs_node.wait_port(standin_port)
    tokens = os.path.join(logdir, "tokens.txt")
    with open(tokens, "w") as out:
        out.write("\n".join(localenv.mint_id_tokens(seed, 6000, distinct_users=True)) + "\n")

    def service_load(side, seconds):
        process, url, result = vs_node.cold(side, tokens, seconds, 32)
        return process, url, result["ok"]
    service_load.warm = lambda url, seconds: vs_node.wrk(url, tokens, seconds, 32)["ok"] / seconds

    def floor_cold(side, seconds):
        started = time.time()
        process, url, _ = side.spawn()
        port = int(url.rsplit(":", 1)[1])
        while not vs_node._listening(port):
            time.sleep(0.005)
        return process, url, floor_load(url, seconds + 5, until=started + seconds)
    floor_cold.warm = lambda url, seconds: floor_load(url, seconds) / seconds

    sides = [(floor_side(floor_jar, [*jvm, f"-XX:AOTCache={floor_cache}", "-XX:AOTMode=on"], logdir), floor_cold),
             (vs_node.service(logdir, seed, f"http://127.0.0.1:{standin_port}", JAVA,
                              [*jvm, f"-XX:AOTCache={service_cache}", "-XX:AOTMode=on"], service_jar), service_load)]
    results = {side.name: [] for side, _ in sides}
    for round_no in range(args.rounds):
        for side, load in (sides if round_no % 2 == 0 else sides[::-1]):
            row = measure(side, args.settle, args.cold_seconds, args.warmup, load)
            results[side.name].append(row)
            print(f"round {round_no + 1} {side.name:8}: ready {row['ready']:.2f} s, idle RSS {row['rss']:.0f} MB "
                  f"(anon {row['anon']:.0f}), {row['classes']} classes; {row['cold']} answered within "
                  f"{args.cold_seconds} s of the spawn, then {row['warm_rps']:.0f} req/s: warmth {row['warmth']:.2f}",
                  flush=True)
    print()
    for name, rows in results.items():
        cache = floor_cache if name == "floor" else service_cache
        print(f"RESULT {name}: ready {median([r['ready'] for r in rows]):.2f} s, idle RSS "
              f"{median([r['rss'] for r in rows]):.0f} MB (anon {median([r['anon'] for r in rows]):.0f}), "
              f"{median([r['classes'] for r in rows]):.0f} classes, AOT cache {os.path.getsize(cache) / 1e6:.0f} MB, "
              f"warmth in the first {args.cold_seconds} s {median([r['warmth'] for r in rows]):.2f}")
    print(f"(logs: {logdir})")
    return 0


if __name__ == "__main__":
    run(main)
