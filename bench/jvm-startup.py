"""JVM variants side by side, one core: start-to-ready (process spawn to /q/health/ready UP on the
management port), idle RSS, and optionally RSS, /connect-tokens throughput and the service's CPU time
per answer under sustained load with distinct ID tokens (first 10 s of traffic = "early", last 10 s =
"warm"), for each variant, interleaved over rounds.

The service runs under `taskset -c 1` (one CPU, as at the Deployment's limit of 1: the JVM sizes its
compiler and GC threads from it); this script, the emulators and wrk stay on CPU 0. The memory flags
are the image's at a 512 Mi limit (-XX:MaxRAM=512m stands in for the container limit). Variants with
an AOT cache get one from scripts/aot-train.py first (same java, same flags, same jar: a cache is only
valid for those) and run with -XX:AOTMode=on, so a cache that does not apply fails instead of being
silently ignored.

Usage (after ./mvnw package):
  python3 bench/jvm-startup.py [--variants jdk17,t25,t25-aot,...] [--rounds 3] [--load-seconds 40] [--nmt]
  python3 bench/jvm-startup.py --list
Loopback only; bounded; stops everything it started.
"""
import argparse
import hashlib
import importlib.util
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time

from benchlib import IMAGE_JAR, jar_path, localenv, median, memory, require

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JDK17 = os.environ.get("JDK17_JAVA", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java")
JDK25 = os.environ.get("JDK25_JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")

# The pom's image entrypoint before this bench (JDK 17), at a 512 Mi limit.
IMAGE_17 = ("-XX:MaxRAM=512m -XX:MaxRAMPercentage=70.0 -XX:InitialRAMPercentage=5.0 -XX:+ExitOnOutOfMemoryError "
            "-XX:+UseSerialGC -Xss512k -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Djava.io.tmpdir=/tmp")
COH = " -XX:+UseCompactObjectHeaders"
C1 = " -XX:TieredStopAtLevel=1"
# C2 later: fewer C2 compilations competing with start-up work on the one CPU.
LATE_C2 = " -XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=1800 -XX:Tier4CompileThreshold=30000"
# Idle memory: a small initial heap (grows under load), and freed malloc memory (compiler arenas at
# start-up) handed back to the OS every 5 s instead of kept by glibc.
LEAN = " -XX:InitialRAMPercentage=2.0 -XX:TrimNativeHeapInterval=5000"
YOUNG = " -XX:MaxNewSize=24m"
TRIM = " -XX:TrimNativeHeapInterval=5000"
THREADS = {"QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE": "1"}

# What a cache must match; sizes (heap, stacks) don't matter.
CACHE_KEY = re.compile(r"^-XX:[+-](Use\w+GC|UseCompactObjectHeaders|UseCompressed\w+)$|^-XX:TieredStopAtLevel=|^-XX:[+-]TieredCompilation$")

# name: (java, flags, AOT cache?, extra environment)
VARIANTS = {
    "jdk17": (JDK17, IMAGE_17, False, {}),
    "t25": (JDK25, IMAGE_17, False, {}),
    "t25-aot": (JDK25, IMAGE_17, True, {}),
    "t25-aot-coh": (JDK25, IMAGE_17 + COH, True, {}),
    "t25-aot-coh-c1": (JDK25, IMAGE_17 + COH + C1, True, {}),
    "t25-aot-coh-latec2": (JDK25, IMAGE_17 + COH + LATE_C2, True, {}),
    "t25-coh-lean": (JDK25, IMAGE_17 + COH + LEAN, False, {}),
    "t25-aot-coh-lean": (JDK25, IMAGE_17 + COH + LEAN, True, {}),
    "t25-aot-coh-lean-1loop": (JDK25, IMAGE_17 + COH + LEAN, True, THREADS),
    "t25-aot-coh-lean-arena2": (JDK25, IMAGE_17 + COH + LEAN, True, {"MALLOC_ARENA_MAX": "2"}),
    "t25-aot-coh-c1-lean": (JDK25, IMAGE_17 + COH + C1 + LEAN, True, {}),
    # Heap capped for RSS under load: 30 % / 40 % of 512 Mi (the last -XX:MaxRAMPercentage wins).
    "t25-aot-coh-lean-heap30": (JDK25, IMAGE_17 + COH + LEAN + " -XX:MaxRAMPercentage=30.0", True, {}),
    "t25-aot-coh-lean-heap40": (JDK25, IMAGE_17 + COH + LEAN + " -XX:MaxRAMPercentage=40.0", True, {}),
    "t25-aot-coh-c1-lean-heap30": (JDK25, IMAGE_17 + COH + C1 + LEAN + " -XX:MaxRAMPercentage=30.0", True, {}),
    # The candidate for the image: young generation capped so the heap under load stays near the live
    # set, heap cap 40 % for head room, fewer malloc arenas.
    "image25": (JDK25, IMAGE_17 + COH + LEAN + YOUNG + " -XX:MaxRAMPercentage=40.0", True, {"MALLOC_ARENA_MAX": "2"}),
    "image25-c1": (JDK25, IMAGE_17 + COH + C1 + LEAN + YOUNG + " -XX:MaxRAMPercentage=40.0", True, {"MALLOC_ARENA_MAX": "2"}),
    "image25-noaot": (JDK25, IMAGE_17 + COH + LEAN + YOUNG + " -XX:MaxRAMPercentage=40.0", False, {"MALLOC_ARENA_MAX": "2"}),
    # Heap capped (Serial grows the old generation to its cap before it collects, so the cap is what
    # bounds RSS under load), 5 % initial heap (a tiny young generation promotes early), trim, 2 arenas.
    "final-h25": (JDK25, IMAGE_17 + COH + TRIM + " -XX:MaxRAMPercentage=25.0", True, {"MALLOC_ARENA_MAX": "2"}),
    # The AOT cache mapped where it was written instead of relocated (JDK 20+ relocates by default, which
    # writes to every page of the cache that holds a pointer: those pages become private memory).
    "final-h25-map0": (JDK25, IMAGE_17 + COH + TRIM + " -XX:MaxRAMPercentage=25.0"
                       " -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0", True, {"MALLOC_ARENA_MAX": "2"}),
    "final-c1": (JDK25, IMAGE_17 + COH + TRIM + C1 + " -XX:MaxRAMPercentage=25.0", True, {"MALLOC_ARENA_MAX": "2"}),
    "final-h18": (JDK25, IMAGE_17 + COH + TRIM + " -XX:MaxRAMPercentage=18.0", True, {"MALLOC_ARENA_MAX": "2"}),
    "t25-aot-coh-lean-heap30-arena2": (JDK25, IMAGE_17 + COH + LEAN + " -XX:MaxRAMPercentage=30.0", True,
                                       {"MALLOC_ARENA_MAX": "2"}),
    "t25-aot-coh-c1-lean-heap30-arena2": (JDK25, IMAGE_17 + COH + C1 + LEAN + " -XX:MaxRAMPercentage=30.0", True,
                                          {"MALLOC_ARENA_MAX": "2"}),
}


def load_aot_train():
    spec = importlib.util.spec_from_file_location("aot_train", os.path.join(ROOT, "scripts", "aot-train.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cpu_seconds(pid):
    """User + system CPU time of the process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def nmt(java, pid):
    """Committed KB per Native Memory Tracking category (needs -XX:NativeMemoryTracking=summary)."""
    jcmd = os.path.join(os.path.dirname(java), "jcmd")
    out = subprocess.run([jcmd, str(pid), "VM.native_memory", "summary"], capture_output=True, text=True).stdout
    result = {name.strip(): int(committed) // 1024 for name, committed in
              re.findall(r"^-\s+([\w ]+?) \(reserved=\d+KB, committed=(\d+)KB[,)]", out, re.M)}
    metadata = re.search(r"Metadata:\s*\)\s*\n\s*\(\s*reserved=\d+KB, committed=(\d+)KB", out)
    if metadata:
        result["Class"] = result.get("Class", 0) + int(metadata.group(1)) // 1024  # metaspace is nested in Class
    total = re.search(r"^Total: reserved=\d+KB, committed=(\d+)KB", out, re.M)
    malloc = re.search(r"malloc: (\d+)KB #\d+, peak=(\d+)KB", out)
    if total:
        result["TOTAL"] = int(total.group(1)) // 1024
    if malloc:
        result["malloc peak"] = int(malloc.group(2)) // 1024
    return result


def wrk(url, tokens_file, seconds, connections):
    env = dict(os.environ, TOKENS=tokens_file, BODY='{"type":"passkey-list"}')
    out = subprocess.run(["taskset", "-c", "0", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                          "-s", os.path.join(ROOT, "bench", "distinct-tokens.lua"), url + "/connect-tokens"],
                         capture_output=True, text=True, env=env, check=True).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), int(non2xx.group(1)) if non2xx else 0


def run_variant(name, args, seed, corbado, caches, tokens_file, logdir):
    java, flags, aot, extra_env = VARIANTS[name]
    jvm = shlex.split(flags)
    if aot:
        jvm += [f"-XX:AOTCache={caches[name]}", "-XX:AOTMode=on"]
    if args.nmt:
        jvm += ["-XX:NativeMemoryTracking=summary"]
    env = localenv.service_env(seed, corbado, localenv.free_port())
    env.update(extra_env)
    service, url, ready_s = localenv.start_service(logdir, env, java=["taskset", "-c", "1", java], jvm_args=jvm,
                                                   jar=args.jar, log=f"{name}.log", timeout=120)
    row = {"ready": ready_s}
    try:
        time.sleep(args.settle)
        row["idle"] = memory(service.pid)
        if args.nmt:
            row["nmt_idle"] = nmt(java, service.pid)
        if args.load_seconds:
            peak, stop = [0.0], threading.Event()

            def sample():
                while not stop.is_set():
                    peak[0] = max(peak[0], memory(service.pid)["rss"])
                    time.sleep(0.2)
            threading.Thread(target=sample, daemon=True).start()
            segments, non2xx = [], 0
            for _ in range(max(2, args.load_seconds // 10)):
                cpu_before = cpu_seconds(service.pid)
                rps, bad = wrk(url, tokens_file, 10, args.connections)
                # CPU the service spent per answer: unlike req/s it does not depend on whether the
                # service, the stand-in or the load generator was the bottleneck on this busy machine.
                segments.append((rps, (cpu_seconds(service.pid) - cpu_before) / max(1.0, rps * 10) * 1e6))
                non2xx += bad
            stop.set()
            row.update(early=segments[0][0], warm=segments[-1][0], early_us=segments[0][1], warm_us=segments[-1][1],
                       peak=peak[0], loaded=memory(service.pid), non2xx=non2xx)
            if args.nmt:
                row["nmt_loaded"] = nmt(java, service.pid)
    finally:
        localenv.stop(service)
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", default="jdk17,t25,t25-aot,t25-aot-coh,t25-aot-coh-c1")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--settle", type=float, default=5, help="seconds after ready before idle RSS is read")
    parser.add_argument("--load-seconds", type=int, default=0, help="sustained /connect-tokens load per variant (0: none)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--tokens", type=int, default=5000, help="distinct ID tokens (over the verified-token cache's 4096)")
    parser.add_argument("--train-seconds", type=float, default=30)
    parser.add_argument("--jar", default=IMAGE_JAR,
                        help="the jar to run, default the image's (scripts/aot-launcher.py); its AOT caches are trained "
                             "at this very path: Quarkus finds its application directory through a code source the "
                             "cache keeps from training")
    parser.add_argument("--cache-dir", help="keep AOT caches here and reuse them across runs (keyed by java, jar, flags)")
    parser.add_argument("--nmt", action="store_true", help="Native Memory Tracking summary at idle (and after load)")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.list:
        for name, (java, flags, aot, env) in VARIANTS.items():
            print(f"{name}: {java} {flags}{' +AOT cache' if aot else ''} {env or ''}")
        return 0
    require("taskset", *(["wrk"] if args.load_seconds else []))
    names = args.variants.split(",")
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        sys.exit(f"unknown variants {unknown}; --list shows them")
    os.sched_setaffinity(0, {0})  # this script, the emulators and wrk on CPU 0; the service on CPU 1
    logdir = tempfile.mkdtemp(prefix="bench-jvm-")
    caches = {}
    aot_train = load_aot_train()
    jar = jar_path(args.jar)
    for name in names:
        java, flags, aot, extra_env = VARIANTS[name]
        if not aot:
            continue
        # One training per cache-relevant configuration: the java, the jar build and the flags a cache
        # must match (GC, object headers, compressed pointers, compilation mode); sizes don't matter.
        relevant = sorted(f for f in shlex.split(flags) if CACHE_KEY.search(f))
        key = hashlib.sha256(repr((java, os.path.realpath(jar), os.path.getmtime(jar), relevant)).encode()).hexdigest()[:16]
        caches[name] = os.path.join(args.cache_dir or logdir, f"{key}.aot")
        if os.path.exists(caches[name]):
            print(f"{name}: AOT cache {caches[name]} (same java, jar and {relevant})", flush=True)
            continue
        print(f"training the AOT cache of {name} ({relevant}) ...", flush=True)
        # The training run stops what it started; it runs before this bench's own stack.
        aot_train.train(["taskset", "-c", "1", java], caches[name], shlex.split(flags), args.train_seconds,
                        jar=jar, logdir=os.path.join(logdir, "train-" + name), verify=False, log=lambda *_: None)
    try:
        corbado = localenv.start_corbado(logdir)
        seed = localenv.seed(localenv.start_aws(logdir))
        tokens_file = os.path.join(logdir, "tokens.txt")
        with open(tokens_file, "w") as f:
            f.write("\n".join(localenv.mint_id_tokens(seed, args.tokens)) + "\n")
        results = {name: [] for name in names}
        for round_no in range(args.rounds):
            order = names[round_no % len(names):] + names[:round_no % len(names)]
            for name in order:
                row = run_variant(name, args, seed, corbado, caches, tokens_file, logdir)
                results[name].append(row)
                load = (f" | early {row['early']:.0f} req/s {row['early_us']:.0f} us CPU/req, warm {row['warm']:.0f} req/s "
                        f"{row['warm_us']:.0f} us CPU/req, peak RSS {row['peak']:.0f} MB, non-2xx {row['non2xx']}") if "early" in row else ""
                print(f"round {round_no + 1} {name}: ready {row['ready']:.2f} s, idle RSS {row['idle']['rss']:.0f} MB "
                      f"(anon {row['idle']['anon']:.0f}, file {row['idle']['file']:.0f}, {row['idle']['threads']} threads)"
                      + load, flush=True)
                for key in ("nmt_idle", "nmt_loaded"):
                    if key in row:
                        print(f"   {key}: " + ", ".join(f"{k} {v}" for k, v in sorted(row[key].items(), key=lambda kv: -kv[1])
                                                       if v >= 1024 // 1024), flush=True)
        print()
        base = names[0]
        for name in names:
            rows = results[name]
            ready = median([r["ready"] for r in rows])
            line = (f"RESULT {name}: ready median {ready:.2f} s ({ready / median([r['ready'] for r in results[base]]):.2f}x {base}), "
                    f"idle RSS median {median([r['idle']['rss'] for r in rows]):.0f} MB "
                    f"(anon {median([r['idle']['anon'] for r in rows]):.0f})")
            if args.load_seconds:
                line += (f", early {median([r['early'] for r in rows]):.0f} req/s at {median([r['early_us'] for r in rows]):.0f} us CPU/req, "
                         f"warm {median([r['warm'] for r in rows]):.0f} req/s at {median([r['warm_us'] for r in rows]):.0f} us CPU/req "
                         f"({median([r['warm_us'] for r in rows]) / median([r['warm_us'] for r in results[base]]):.2f}x {base}), "
                         f"peak RSS under load max {max(r['peak'] for r in rows):.0f} MB")
            print(line)
        print(f"(logs: {logdir})")
        return 0
    finally:
        localenv.stop_all()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks: stop what was started
    sys.exit(main())
