"""Local environment for scripts that run the *packaged* service (graceful shutdown, benchmarks, soak).

Starts the project's Cognito/SSM emulator (src/emulator/local_aws.py) and a WireMock Corbado on free
loopback ports, seeds pool, client, user and SSM parameters with boto3, and starts the service jar
with the matching environment. Everything listens on 127.0.0.1 and is stopped by stop_all().
"""
import base64
import glob
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROCESSES = []
EMAIL, PASSWORD = "bench@example.com", "Bench-passw0rd!"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, timeout=180, ok=lambda status: status < 500, alive=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if alive is not None and alive.poll() is not None:
            raise RuntimeError(f"process exited with {alive.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if ok(r.status):
                    return
        except urllib.error.HTTPError as e:
            if ok(e.code):
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} not up after {timeout}s")


def spawn(args, log, env=None):
    p = subprocess.Popen(args, stdout=open(log, "w"), stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                         start_new_session=True)
    PROCESSES.append(p)
    return p


def start_aws(logdir, lambda_endpoint="http://127.0.0.1:9", port=None):
    port = port or free_port()
    spawn([sys.executable, "src/emulator/local_aws.py", "--port", str(port), "--lambda-endpoint", lambda_endpoint],
          os.path.join(logdir, "local-aws.log"))
    endpoint = f"http://127.0.0.1:{port}"
    wait_http(endpoint + "/moto-api/")
    return endpoint


TRIGGERS = {"DefineAuthChallenge": "arn:aws:lambda:us-east-1:000000000000:function:passkey-define-auth-challenge",
            "CreateAuthChallenge": "arn:aws:lambda:us-east-1:000000000000:function:passkey-create-auth-challenge",
            "VerifyAuthChallengeResponse": "arn:aws:lambda:us-east-1:000000000000:function:passkey-verify-auth-challenge"}


def seed(endpoint):
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="local", aws_secret_access_key="local")
    idp, ssm = boto3.client("cognito-idp", **kw), boto3.client("ssm", **kw)
    pool = idp.create_user_pool(PoolName="bench", UsernameAttributes=["email"], LambdaConfig=TRIGGERS)["UserPool"]["Id"]
    client = idp.create_user_pool_client(UserPoolId=pool, ClientName="bench",
                                         ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH"],
                                         PreventUserExistenceErrors="ENABLED")["UserPoolClient"]["ClientId"]
    user = idp.admin_create_user(UserPoolId=pool, Username=EMAIL, MessageAction="SUPPRESS",
                                 UserAttributes=[{"Name": "email", "Value": EMAIL}, {"Name": "email_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool, Username=EMAIL, Password=PASSWORD, Permanent=True)
    # The project id the Lambda host's verify trigger checks the data's iss against (bench/LambdaHost.java).
    values = {"project_id": "pro-bench", "api_secret": "corbado1_" + secrets.token_hex(16),
              "actions_secret": secrets.token_hex(24)}
    names = {"project_id": "/bench/corbado-project-id", "api_secret": "/bench/corbado-api-secret",
             "actions_secret": "/bench/actions-secret"}
    for key, name in names.items():
        ssm.put_parameter(Name=name, Value=values[key], Type="SecureString", Overwrite=True)
    token = idp.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": EMAIL, "PASSWORD": PASSWORD})["AuthenticationResult"]["IdToken"]
    return {"endpoint": endpoint, "pool": pool, "client": client, "username": user["User"]["Username"],
            "id_token": token, "secrets": values, "names": names}


def mint_id_tokens(seed, count, distinct_users=False):
    """count distinct ID tokens as the local Cognito signs them (moto's key, the claims of the seeded
    token, each with its own jti): thousands in seconds, for loads that must miss the token cache.
    With distinct_users each token is for a user of its own (sub, cognito:username, email)."""
    import gzip
    import uuid
    import moto.cognitoidp
    from joserfc import jwk, jwt
    path = os.path.join(os.path.dirname(moto.cognitoidp.__file__), "resources", "jwks-private.json.gz")
    with gzip.open(path, "rt") as f:
        key = jwk.RSAKey.import_key(json.load(f))
    header_b64, payload_b64, _ = seed["id_token"].split(".")
    header = json.loads(base64.urlsafe_b64decode(header_b64 + "=" * (-len(header_b64) % 4)))
    claims = json.loads(base64.urlsafe_b64decode(payload_b64 + "=" * (-len(payload_b64) % 4)))

    def user(i):
        sub = str(uuid.uuid4())
        return {"sub": sub, "cognito:username": sub, "email": f"user{i}@example.com"} if distinct_users else {}
    return [jwt.encode(header, dict(claims, jti=str(uuid.uuid4()), **user(i)), key) for i in range(count)]


# The Corbado Frontend API key that signs signedPasskeyData here; WireMock serves its key set.
FRONTEND_KID = "bench-1"
_FRONTEND_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _frontend_jwks():
    numbers = _FRONTEND_KEY.public_key().public_numbers()
    as_bytes = lambda n: n.to_bytes((n.bit_length() + 7) // 8, "big")
    return {"keys": [{"kty": "RSA", "kid": FRONTEND_KID, "use": "sig", "alg": "RS256",
                      "n": _b64(as_bytes(numbers.n)), "e": _b64(as_bytes(numbers.e))}]}


def signed_passkey_data(project_id, username, lifetime=600):
    """signedPasskeyData as Corbado's Frontend API signs it (RS256, kid, iss = project id)."""
    now = int(time.time())
    header = {"alg": "RS256", "kid": FRONTEND_KID, "typ": "JWT"}
    payload = {"iss": project_id, "sub": "usr-bench", "iat": now - 1, "nbf": now - 60, "exp": now + lifetime,
               "jti": "jti-" + secrets.token_hex(8), "webauthnId": username, "username": username}
    signing_input = _b64(json.dumps(header).encode()) + "." + _b64(json.dumps(payload).encode())
    signature = _FRONTEND_KEY.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + _b64(signature)


def wiremock_jar():
    jars = glob.glob(os.path.expanduser("~/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar"))
    if not jars:
        raise RuntimeError("wiremock-standalone not in ~/.m2: run ./mvnw verify once (it is a test dependency)")
    return sorted(jars)[-1]


def add_mapping(wiremock_url, mapping):
    req = urllib.request.Request(wiremock_url + "/__admin/mappings", data=json.dumps(mapping).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req).read()


def start_lambda_host(logdir, corbado_url):
    """The Lambda jar's trigger handlers behind the Lambda Invoke API (bench/LambdaHost.java)."""
    jars = glob.glob(os.path.join(ROOT, "target", "passkey-bff-*-lambda.jar"))
    if not jars:
        raise RuntimeError("Lambda jar missing: run ./mvnw package -DskipTests first")
    port = free_port()
    log = os.path.join(logdir, "lambda-host.log")
    host = spawn(["java", "-cp", jars[0], "bench/LambdaHost.java", str(port), corbado_url], log)
    url = f"http://127.0.0.1:{port}"
    try:
        # Generous: the source launcher compiles LambdaHost.java first, which on two busy cores takes a while.
        # Any answer will do (404 outside the Invoke path): the host is listening.
        wait_http(url + "/", timeout=300, ok=lambda status: True, alive=host)
    except RuntimeError as e:
        raise RuntimeError(f"lambda host not up ({e}); last lines of {log}:\n" + tail(log))
    return url


def start_corbado(logdir, delay_ms=0, journal=False):
    """WireMock answering POST /v2/connectTokens like Corbado (optionally slowly; with a request
    journal when the caller must count what reached it), and the Frontend API key set."""
    port = free_port()
    spawn(["java", "-Xmx256m", "-jar", wiremock_jar(), "--port", str(port), "--bind-address", "127.0.0.1",
           *([] if journal else ["--no-request-journal"]), "--disable-banner", "--async-response-enabled", "true",
           "--container-threads", "64", "--jetty-acceptor-threads", "2"], os.path.join(logdir, "corbado.log"))
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/__admin/mappings", ok=lambda s: s == 200)
    mapping = {"request": {"method": "POST", "url": "/v2/connectTokens"},
               "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "fixedDelayMilliseconds": delay_ms,
                            "body": json.dumps({"id": "ctk-bench", "tokenType": "passkey-list", "data": {"identifier": "u"},
                                                "connectTokenStatus": "initial", "expires": 4102444800,
                                                "secret": "ctks_" + "0" * 48})}}
    add_mapping(url, mapping)
    add_mapping(url, {"request": {"method": "POST", "url": "/v2/passkey/verifySignedData"},
                      "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                                   "body": json.dumps({"verificationResult": "success"})}})
    add_mapping(url, {"request": {"method": "GET", "url": "/.well-known/jwks"},
                      "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                                   "body": json.dumps(_frontend_jwks())}})
    return url


def corbado_requests(url, path="/v2/connectTokens"):
    """How many requests the WireMock Corbado has received on path (needs journal=True)."""
    request = urllib.request.Request(url + "/__admin/requests/count", method="POST",
                                     data=json.dumps({"method": "POST", "url": path}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as r:
        return json.load(r)["count"]


def service_env(env_seed, corbado_url, port):
    env = dict(os.environ)
    env.update({
        "QUARKUS_HTTP_PORT": str(port), "QUARKUS_HTTP_HOST": "127.0.0.1", "AWS_REGION": "us-east-1",
        # Health and metrics listen on the management interface, apart from the API port.
        "QUARKUS_MANAGEMENT_PORT": str(free_port()), "QUARKUS_MANAGEMENT_HOST": "127.0.0.1",
        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
        "COGNITO_USER_POOL_ID": env_seed["pool"], "COGNITO_CLIENT_ID": env_seed["client"],
        "COGNITO_ENDPOINT": env_seed["endpoint"], "SSM_ENDPOINT": env_seed["endpoint"],
        "COGNITO_JWKS_URL": f"{env_seed['endpoint']}/{env_seed['pool']}/.well-known/jwks.json",
        "CORBADO_API_URL": corbado_url,
        "CORBADO_FRONTEND_API_URL": corbado_url,
        "CORBADO_PROJECT_ID_PARAM": env_seed["names"]["project_id"],
        "CORBADO_API_SECRET_PARAM": env_seed["names"]["api_secret"],
        "ACTIONS_SECRET_PARAM": env_seed["names"]["actions_secret"],
    })
    return env


def management_url(env):
    """Where health and metrics are served (the management interface)."""
    return f"http://127.0.0.1:{env['QUARKUS_MANAGEMENT_PORT']}"


def start_service(logdir, env, jar=None, jvm_args=(), java="java", root=None, log="service.log", timeout=60):
    """Starts the packaged service and waits until /q/health/ready answers 200 on the management port.
    java: the java to run, a path or a command prefix (list), e.g. a Temurin 25 JDK's bin/java.
    root: a root filesystem java runs chrooted in (as uid 1001, like the image); jar is then a path in it.
    Returns (process, API url, seconds from spawn to ready)."""
    jar = jar or os.path.join(ROOT, "target/quarkus-app/quarkus-run.jar")
    if not os.path.exists((root or "") + jar):
        raise RuntimeError(f"{jar} missing: run ./mvnw package -DskipTests first")
    command = [java] if isinstance(java, str) else list(java)
    if root:
        command = ["chroot", "--userspec=1001:1001", root, *command]
    started = time.time()
    p = spawn([*command, *jvm_args, "-jar", jar], os.path.join(logdir, log), env=env)
    url = f"http://127.0.0.1:{env['QUARKUS_HTTP_PORT']}"
    try:
        wait_http(management_url(env) + "/q/health/ready", timeout=timeout, ok=lambda s: s == 200, alive=p)
    except RuntimeError:
        raise RuntimeError(f"service not ready; last lines of {os.path.join(logdir, log)}:\n" + tail(os.path.join(logdir, log)))
    return p, url, time.time() - started


def tail(path, lines=15):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def stop(p, timeout=60):
    """SIGTERM to the process (group) and wait: the JVM runs its shutdown hooks (and writes an AOT cache
    it was asked for). Returns the exit code; SIGKILLs and raises when it does not exit in time."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        return p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        raise RuntimeError(f"process {p.pid} did not exit within {timeout}s of SIGTERM")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def stop_all():
    for p in reversed(PROCESSES):
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for p in PROCESSES:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
    PROCESSES.clear()
