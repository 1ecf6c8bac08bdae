"""Shared harness of the benchmark scripts: the local stack started one way, signedPasskeyData for
it, wrk/hey runners and their output parsed, and the run wrapper that always stops what was started."""
import base64
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
import localenv  # noqa: E402,F401

aot_launcher = __import__("aot-launcher")


def _image_settings():
    """The JVM flags of the image's entrypoint (the pom's Jib configuration) and the JVM's environment
    there, so benchmarks run what a pod runs. The image's AOT cache path is left out: benchmarks train
    their own cache for target/quarkus-app (scripts/aot-train.py)."""
    with open(os.path.join(os.path.dirname(HERE), "pom.xml")) as f:
        pom = f.read()
    entrypoint = re.search(r"<entrypoint>([^<]+)</entrypoint>", pom).group(1).split(",")
    flags = [flag for flag in entrypoint[1:entrypoint.index("-jar")] if not flag.startswith("-XX:AOTCache=")]
    environment = re.search(r"<environment>(.*?)</environment>", pom, re.S).group(1)
    env = {name: value for name, value in re.findall(r"<(\w+)>([^<]*)</\1>", environment) if name != "QUARKUS_HTTP_HOST"}
    jar = os.path.join(localenv.ROOT, "target", "quarkus-app", os.path.basename(entrypoint[entrypoint.index("-jar") + 1]))
    return flags, env, jar


IMAGE_JVM_FLAGS, IMAGE_ENV, IMAGE_JAR = _image_settings()


def jar_path(jar):
    """jar as a path; the AOT launcher (scripts/aot-launcher.py) is written first when that is the jar."""
    jar = os.path.abspath(jar)
    if os.path.basename(jar) == aot_launcher.NAME:
        aot_launcher.write(os.path.dirname(jar))
    return jar
Stack = collections.namedtuple("Stack", "seed corbado service url ready_s")


def start_stack(logdir, env=None, jvm_args=(), triggers=False):
    """The Corbado stand-in (WireMock), local Cognito + SSM seeded, and the packaged service on a free
    loopback port. With triggers, the Lambda jar's trigger handlers run behind a local Invoke API so
    CUSTOM_AUTH logins work end to end. env overrides the service's environment."""
    corbado = localenv.start_corbado(logdir)
    lambda_host = localenv.start_lambda_host(logdir, corbado) if triggers else None
    aws = localenv.start_aws(logdir, lambda_endpoint=lambda_host) if lambda_host else localenv.start_aws(logdir)
    seed = localenv.seed(aws)
    service_env = localenv.service_env(seed, corbado, localenv.free_port())
    service_env.update(env or {})
    service, url, ready_s = localenv.start_service(logdir, service_env, jvm_args=jvm_args)
    return Stack(seed, corbado, service, url, ready_s)


def memory(pid):
    """RSS, its anonymous and file-backed parts (MB), and the thread count."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()[0] if value.split() else ""
    mb = lambda key: int(fields.get(key, 0)) / 1024
    return {"rss": mb("VmRSS"), "anon": mb("RssAnon"), "file": mb("RssFile") + mb("RssShmem"),
            "threads": int(fields.get("Threads", 0))}


def run(main):
    """Runs a benchmark's main, stops every process it started whatever happens, exits with its code."""
    try:
        code = main()
    finally:
        localenv.stop_all()
    sys.exit(code)


def signed_passkey_data(seed, username, lifetime_s=600):
    """signedPasskeyData as the Corbado login component hands it over: RS256 with the key whose set the
    WireMock Corbado serves as the Frontend API key set, iss = the seeded project id (the service checks
    both before Cognito); a negative lifetime makes it expired."""
    return localenv.signed_passkey_data(seed["secrets"]["project_id"], username, lifetime=lifetime_s)


def require(*tools):
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        sys.exit(f"missing {' '.join(missing)}: apt-get install -y {' '.join(missing)}")


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, auth, body, seconds, connections=32, threads=2):
    """Closed-loop load at fixed concurrency: requests/s and p50/p99 latency (ms)."""
    env = dict(os.environ, AUTH=auth, BODY=body)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
                          "-s", os.path.join(HERE, "post.lua"), url], capture_output=True, text=True, env=env,
                         check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": pct["50"], "p99": pct["99"], "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": errors.group(1) if errors else ""}


def hey_fixed_rate(url, auth, body, seconds, rate, workers=20):
    """Open-ish loop at a fixed total rate: p50/p99 latency (ms) and status counts."""
    out = subprocess.run(["hey", "-z", f"{seconds}s", "-c", str(workers), "-q", str(rate / workers), "-m", "POST",
                          "-H", f"Authorization: {auth}", "-T", "application/json", "-d", body, url],
                         capture_output=True, text=True, check=True).stdout
    pct = {p: float(v) * 1000 for p, v in re.findall(r"^\s+(50|99)%+ in ([\d.]+) secs", out, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    statuses = dict(re.findall(r"\[(\d{3})\]\s+(\d+) responses", out))
    return {"rps": rps, "p50": pct["50"], "p99": pct["99"], "statuses": statuses}


def median(values):
    """The middle value; of an even count, the mean of the two middle ones (not the upper one)."""
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
