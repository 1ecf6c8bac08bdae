"""Runs what the README tells a new user to do, exactly as written, and checks every documented answer.

On a fresh clone of this repository's HEAD (a temporary `git clone`, so nothing built or installed here
helps):
  1. the README's first command (the first line of the first ```bash block under "## Two commands")
     with another program listening on the emulator's port 4566 (LocalStack's default): it must stop
     by itself, with one line naming the port and LOCAL_AWS_PORT;
  2. the same command with LOCAL_AWS_PORT moving the emulator to a free port (the other program stays
     on 4566): the service must become ready (/q/health/ready UP on the management port), with no
     configuration warning (unknown or deprecated key) in its log;
  3. every ```bash block of the README's "### Try it" section, verbatim, in order, in one bash session
     (set -eo pipefail: a failing command fails the check); after a command, each `# => …` comment
     line is an answer the output must show, in order (`…` stands for anything on that line, `$NAME`
     for the shell variable's value at the end, header names compare case-insensitively);
  4. the demo SPA's documented dev server (the README's `cd spa && npm ci && npm run dev` line) must
     serve the page on http://localhost:5173 with the running service's configuration, and in headless
     Chromium (spa/e2e/dev-smoke.mjs) a new user signs up, adds a passkey and signs in with it.
Everything it starts runs in its own process group and is stopped at the end; loopback only.

Usage: python3 scripts/readme-check.py            (from the repository root; .ci/run calls it)
       python3 scripts/readme-check.py --running  (only the Try-it blocks, against your own quarkus:dev)
       python3 scripts/readme-check.py --print test-command
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
READY_URL = "http://localhost:9000/q/health/ready"
START_LIMIT_S = 600  # a fresh clone compiles and augments first; on 2 busy cores that takes minutes
FOREIGN_PORT = 4566


def fenced_bash_blocks(markdown):
    """(start offset, text) of every ```bash block."""
    return [(m.start(), m.group(1)) for m in re.finditer(r"^```bash\n(.*?)^```", markdown, re.M | re.S)]


def section(markdown, heading):
    """The text from a heading line to the next heading of the same or a higher level (outside code)."""
    lines, level, out, fenced = markdown.splitlines(keepends=True), None, [], False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        heading_match = None if fenced else re.match(r"^(#+) (.*)$", line)
        if level is None:
            if heading_match and heading_match.group(2).startswith(heading):
                level = len(heading_match.group(1))
            continue
        if heading_match and len(heading_match.group(1)) <= level:
            break
        out.append(line)
    if level is None:
        raise SystemExit(f"README has no heading '{heading}'")
    return "".join(out)


def two_commands(readme):
    block = fenced_bash_blocks(section(readme, "Two commands"))[0][1]
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]
    return lines[0], lines[1]


def try_it_blocks(readme):
    return [text for _, text in fenced_bash_blocks(section(readme, "Try it"))]


def spa_dev_command(readme):
    for _, text in fenced_bash_blocks(readme):
        for line in text.splitlines():
            command = line.split("#", 1)[0].strip()
            if "npm run dev" in command:
                return command
    raise SystemExit("README names no `npm run dev` command for the demo SPA")


# --- expectations -------------------------------------------------------------------------------

def expectations(block):
    return [line[len("# =>"):].strip() for line in block.splitlines() if line.startswith("# =>")]


def pattern(expected, variables):
    """A regex for one expected line: … is anything, $NAME the variable's value, header names any case."""
    def literal(text):
        parts = re.split(r"(\$[A-Z_][A-Z0-9_]*)", text)
        out = ""
        for part in parts:
            if part.startswith("$") and part[1:] in variables:
                out += re.escape(variables[part[1:]])
            else:
                out += re.escape(part)
        return out
    regex = ".*?".join(literal(piece) for piece in expected.split("…"))
    header = re.match(r"([A-Za-z][A-Za-z0-9-]*): ", expected)
    if header:
        name = re.escape(header.group(1))
        regex = "(?i:" + name + ")" + regex[len(name):]
    return re.compile(regex)


def check_block(index, block, output, variables):
    lines = output.replace("\r", "").splitlines()
    at = 0
    failures = []
    for expected in expectations(block):
        regex = pattern(expected, variables)
        found = next((i for i in range(at, len(lines)) if regex.search(lines[i])), None)
        if found is None:
            failures.append(f"block {index + 1}: no line shows: {expected}")
        else:
            at = found
    return failures


# --- processes ----------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command, cwd, env, log_path):
    log = open(log_path, "w")
    return subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)


def stop(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=40)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the group (the emulator, a forked JVM)
    except ProcessLookupError:
        pass


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8", "replace")


def wait_until(predicate, process, limit_s, what):
    deadline = time.time() + limit_s
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"{what}: not within {limit_s} s")


def foreign_server(port):
    """Another program on the emulator's port: accepts connections, answers nothing useful."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("0.0.0.0", port))
    server.listen(16)

    def serve():
        while True:
            try:
                connection, _ = server.accept()
                connection.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                connection.close()
            except OSError:
                return
    threading.Thread(target=serve, daemon=True).start()
    return server


# --- the check ----------------------------------------------------------------------------------

def try_it(blocks, cwd, env):
    """Runs the blocks in one bash session; the failures of their documented answers."""
    script = ["set -eo pipefail"]
    for index, block in enumerate(blocks):
        script.append(f"echo; echo '@@readme-block {index}@@'")
        script.append(block)
    script.append("echo; echo '@@readme-variables@@'; for v in $(compgen -v | grep -E '^[A-Z_][A-Z0-9_]*$'); do "
                  "printf '%s=%s\\n' \"$v\" \"${!v}\"; done")
    run = subprocess.run(["bash", "-c", "\n".join(script)], cwd=cwd, env=env, capture_output=True, text=True,
                         timeout=300)
    parts = re.split(r"^@@readme-(?:block \d+|variables)@@$", run.stdout, flags=re.M)
    if run.returncode != 0:
        return [f"the Try-it blocks failed (exit {run.returncode}):\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"]
    variables = dict(line.split("=", 1) for line in parts[-1].splitlines() if "=" in line)
    failures = []
    for index, block in enumerate(blocks):
        block_failures = check_block(index, block, parts[index + 1], variables)
        failures += [f + "\n  output:\n" + parts[index + 1][-2000:] for f in block_failures]
        if not block_failures:
            print(f"ok   Try-it block {index + 1}: {len(expectations(block))} answers as documented")
    return failures


def main():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    first, test = two_commands(readme)
    if sys.argv[1:] == ["--print", "test-command"]:
        print(test)
        return 0
    blocks = try_it_blocks(readme)
    if sys.argv[1:] == ["--running"]:
        # Only the Try-it blocks, against a quarkus:dev you started yourself.
        failures = try_it(blocks, ROOT, dict(os.environ))
        for failure in failures:
            print("FAIL " + failure)
        return 0 if not failures else 1
    spa_command = spa_dev_command(readme)
    failures = []
    work = tempfile.mkdtemp(prefix="readme-check-")
    processes = []
    try:
        clone = os.path.join(work, "clone")
        subprocess.run(["git", "clone", "-q", ROOT, clone], check=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QUARKUS_", "COGNITO_", "CORBADO_", "LOCAL_AWS"))}
        print(f"README's first command: {first}\nTry-it blocks: {len(blocks)}, answers to check: "
              f"{sum(len(expectations(b)) for b in blocks)}\nSPA dev server: {spa_command}")

        # 1. Another program on 4566.
        foreign = foreign_server(FOREIGN_PORT)
        blocked = start(first, clone, env, os.path.join(work, "dev-blocked.log"))
        processes.append(blocked)
        try:
            blocked.wait(timeout=START_LIMIT_S)
        except subprocess.TimeoutExpired:
            failures.append(f"`{first}` kept running although port {FOREIGN_PORT} was taken")
        log = open(os.path.join(work, "dev-blocked.log"), encoding="utf-8", errors="replace").read()
        named = [line for line in log.splitlines() if f"Port {FOREIGN_PORT}" in line and "LOCAL_AWS_PORT" in line]
        if blocked.returncode in (None, 0) or len(named) != 1:
            failures.append(f"with port {FOREIGN_PORT} taken, expected an exit with one line naming the port and "
                            f"LOCAL_AWS_PORT; exit {blocked.returncode}, lines: {named}")
        else:
            print(f"ok   port {FOREIGN_PORT} taken: `{first}` stopped with: {named[0][named[0].index(f'Port {FOREIGN_PORT}'):].strip()}")
        stop(blocked)

        # 2. The emulator moved, the other program still on 4566.
        dev_env = dict(env, LOCAL_AWS_PORT=str(free_port()))
        dev_log = os.path.join(work, "dev.log")
        dev = start(first, clone, dev_env, dev_log)
        processes.append(dev)
        started = time.time()
        if not wait_until(lambda: '"UP"' in get(READY_URL)[1], dev, START_LIMIT_S, f"`{first}` ready"):
            print(open(dev_log, encoding="utf-8", errors="replace").read()[-6000:])
            raise SystemExit(f"`{first}` exited with {dev.returncode} before it was ready")
        print(f"ok   `LOCAL_AWS_PORT={dev_env['LOCAL_AWS_PORT']} {first}`: ready after {time.time() - started:.0f} s")
        warnings = [line for line in open(dev_log, encoding="utf-8", errors="replace")
                    if "Unrecognized configuration key" in line or ("io.quarkus.config" in line and "deprecated" in line)]
        if warnings:
            failures.append("configuration warnings in dev mode: " + "".join(warnings))

        # 3. The Try-it blocks, verbatim, in one session.
        failures += try_it(blocks, clone, env)

        # 4. The demo SPA's dev server against the running service.
        spa_log = os.path.join(work, "spa-dev.log")
        spa = start(spa_command, clone, env, spa_log)
        processes.append(spa)
        try:
            wait_until(lambda: get("http://localhost:5173/")[0] == 200, spa, 300, "the SPA dev server")
            status, page = get("http://localhost:5173/")
            _, config_text = get("http://localhost:5173/config.json")
            config = json.loads(config_text)
            _, dev_text = get("http://localhost:8080/local/dev-environment")
            expected = json.loads(dev_text)
            mismatched = {k: (config.get(k), v) for k, v in (("cognitoClientId", expected["clientId"]),
                                                            ("cognitoEndpoint", expected["cognitoEndpoint"]),
                                                            ("corbadoProjectId", expected["corbadoProjectId"]))
                          if config.get(k) != v}
            if "<script" not in page or mismatched:
                failures.append(f"the SPA dev server's page or configuration does not fit the running service: {mismatched}")
            else:
                print("ok   `" + spa_command + "` serves the page, configured for the running service")
                smoke = subprocess.run(["node", "e2e/dev-smoke.mjs"], cwd=os.path.join(clone, "spa"), capture_output=True,
                                       text=True, timeout=300,
                                       env=dict(env, DEV_SMOKE_OUT=os.path.join(ROOT, "target", "dev-smoke")))
                if smoke.returncode != 0:
                    failures.append(f"the SPA dev server's page in Chromium (spa/e2e/dev-smoke.mjs):\n{smoke.stdout}{smoke.stderr}")
                else:
                    print("ok   in Chromium: sign-up, password sign-in, passkey added, passkey sign-in (target/dev-smoke/)")
        except SystemExit as e:
            failures.append(f"{e}\n{open(spa_log, encoding='utf-8', errors='replace').read()[-3000:]}")
        foreign.close()
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL " + failure)
    print("README check: " + ("OK" if not failures else f"{len(failures)} FAILED"))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
