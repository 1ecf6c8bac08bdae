"""Local AWS for dev and tests: moto's server (Cognito user pools + SSM) plus what moto lacks.

Usage: python3 local_aws.py --port PORT --lambda-endpoint http://127.0.0.1:8080

Additions on top of moto 5.x (patched in-process, nothing else changes):
  * CUSTOM_AUTH for InitiateAuth / AdminInitiateAuth and CUSTOM_CHALLENGE for
    RespondToAuthChallenge / AdminRespondToAuthChallenge. The pool's LambdaConfig triggers
    (DefineAuthChallenge, CreateAuthChallenge, VerifyAuthChallengeResponse) are called through the
    Lambda Invoke REST API, POST {lambda-endpoint}/2015-03-31/functions/{arn}/invocations, with the
    event shapes Cognito sends. Sessions are single use and expire after three minutes, as in Cognito.
  * Cognito's alias rule: an email resolves to a user only when that user's email is verified.
    moto resolves any email, which would hide the ListUsers fallback of the pre-login action.
  * ListUsers filters parse their quoted value as Cognito does: `\"` and `\\` are escapes, and a
    bare quote inside the value is a parse error (moto would silently take it).
  * A pool's signing key can be rotated (tests of key removal): X-Amz-Target
    `AWSCognitoIdentityProviderService.LocalRotateSigningKey` with `{"UserPoolId": …}` gives the pool
    a new RSA key and kid; its tokens are signed with it and its JWKS lists only it (moto signs every
    pool's tokens with one fixed key, kid "dummy", until then).
  * ID tokens name the user as Cognito does: `cognito:username` is the pool username and `email`
    is the email attribute, whatever string the client signed in with; an AdminCreateUser user's `sub`
    is an id of its own, never its username (moto makes a generated username the value of `sub`).
  * Chosen ids: a pool created with the tag `local:pool-id` gets that id, and an app client created
    with the name N in a pool tagged `local:client-id:N` gets that tag's value (dev mode's fixed ids).
  * The app client's settings are enforced for CUSTOM_AUTH: without ALLOW_CUSTOM_AUTH in its
    ExplicitAuthFlows (none given means Cognito's default set, which has it) InitiateAuth answers
    InvalidParameterException. PreventUserExistenceErrors LEGACY (the API's default) answers an
    unknown user with UserNotFoundException; ENABLED runs the triggers for a synthetic user with
    `userNotFound: true`, step for step like a real one, and never issues it tokens.

Test controls under /_local/ (not AWS APIs; loopback only):
  * GET /_local/calls: how often each Cognito operation was called, e.g. {"InitiateAuth": 3}, so a
    test can prove that a request never reached Cognito.
  * POST /_local/trigger-latency {"VerifyAuthChallengeResponse": 2.2}: extra seconds a trigger takes
    before it answers (cold starts, a slow Corbado); {} resets. Like Cognito, a trigger that takes
    5 s or more in all fails the call. LOCAL_AWS_TRIGGER_LATENCY sets the same JSON at start.
  * POST /_local/aged-sign-in {"user": "a@example.com", "seconds": 3600}: the next ID token issued for
    that user (username or email) says the user signed in that long ago (auth_time), as a token
    refreshed from an old sign-in does; once. Step-up tests make "an old sign-in" an input, not a wait.
"""
import argparse
import base64
import collections
import json
import os
import threading
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

try:
    from moto.core.exceptions import JsonRESTError
    from joserfc import jwk as joserfc_jwk, jwt as joserfc_jwt
    from moto.cognitoidp import models, urls as cognito_urls
    from moto.cognitoidp.responses import CognitoIdpJsonWebKeyResponse, CognitoIdpResponse
    from moto.cognitoidp.exceptions import NotAuthorizedError, ResourceNotFoundError, UserNotFoundError
    from moto.cognitoidp.utils import check_secret_hash, flatten_attrs
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import run_simple
except ImportError:
    sys.stderr.write("local_aws.py needs the Python package moto[server] 5.x: pip install 'moto[server]==5.2.1'\n")
    sys.exit(3)

SESSION_TTL_SECONDS = 180
LAMBDA_TIMEOUT_SECONDS = 5
LAMBDA_ENDPOINT = "http://127.0.0.1:8080"

_sessions = {}  # session token -> dict(pool, client, user, history, private, metadata, expires, not_found, names)
# Cognito's ExplicitAuthFlows when a client is created without any.
DEFAULT_AUTH_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
_calls = collections.Counter()  # Cognito operation -> count, for GET /_local/calls
_calls_lock = threading.Lock()
_trigger_latency = {}  # trigger name -> extra seconds before it answers


def _count(operation):
    with _calls_lock:
        _calls[operation] += 1


class UserLambdaValidationException(JsonRESTError):
    def __init__(self, message):
        super().__init__(error_type="UserLambdaValidationException", message=message)


# --- email alias only for verified emails ------------------------------------------------------

def _get_user_verified_alias(self, username):
    user = self.users.get(username)
    if user:
        return user
    for attribute_type in self.extended_config.get("UsernameAttributes", []):
        verified_flag = "email_verified" if attribute_type == "email" else "phone_number_verified"
        for candidate in self.users.values():
            attrs = flatten_attrs(candidate.attributes)
            if attrs.get(attribute_type) == username and attrs.get(verified_flag) == "true":
                return candidate
    return None


models.CognitoIdpUserPool._get_user = _get_user_verified_alias

# --- ConfirmSignUp verifies what the code was sent to ---------------------------------------------
# Cognito mails the sign-up code to an auto-verified attribute, so confirming it also sets
# email_verified (after which the email resolves as a username alias). moto only sets CONFIRMED;
# like moto it accepts any ConfirmationCode, since no mail leaves this machine.

_original_confirm_sign_up = models.CognitoIdpBackend.confirm_sign_up


def _confirm_sign_up(self, client_id, username):
    result = _original_confirm_sign_up(self, client_id, username)
    pool, _ = _find_client(self, client_id)
    user = pool._get_user(username)
    if "email" in pool.extended_config.get("AutoVerifiedAttributes", []) and "email" in user.attribute_lookup:
        user.update_attributes([{"Name": "email_verified", "Value": "true"}])
    return result


models.CognitoIdpBackend.confirm_sign_up = _confirm_sign_up

# --- ids the caller chose: dev mode names its pool and app client in its configuration -----------
# The seed asks for exactly the ids the service is configured with, so nothing depends on how moto
# derives ids (its HASH strategy changed whenever a pool setting did). The pool's tags carry them
# (UserPoolTags is a real CreateUserPool parameter): `local:pool-id` is the pool's id and
# `local:client-id:<ClientName>` the id of the app client later created with that name.

_original_create_user_pool = models.CognitoIdpBackend.create_user_pool
_original_create_user_pool_client = models.CognitoIdpBackend.create_user_pool_client


def _chosen_id(pool, key):
    return (pool.extended_config.get("UserPoolTags") or {}).get(key)


def _create_user_pool(self, name, extended_config):
    pool = _original_create_user_pool(self, name, extended_config)
    wanted = _chosen_id(pool, "local:pool-id")
    if wanted and wanted != pool.id:
        if wanted in self.user_pools:
            del self.user_pools[pool.id]
            raise JsonRESTError("InvalidParameterException", "A user pool with id " + wanted + " exists already")
        del self.user_pools[pool.id]
        pool.arn = pool.arn[: -len(pool.id)] + wanted
        pool.id = wanted
        self.user_pools[wanted] = pool
    return pool


def _create_user_pool_client(self, user_pool_id, generate_secret, extended_config):
    client = _original_create_user_pool_client(self, user_pool_id, generate_secret, extended_config)
    pool = self.describe_user_pool(user_pool_id)
    wanted = _chosen_id(pool, "local:client-id:" + str((extended_config or {}).get("ClientName")))
    if wanted and wanted != client.id:
        del pool.clients[client.id]
        if wanted in pool.clients:
            raise JsonRESTError("InvalidParameterException", "An app client with id " + wanted + " exists already")
        client.id = wanted
        pool.clients[wanted] = client
    return client


models.CognitoIdpBackend.create_user_pool = _create_user_pool
models.CognitoIdpBackend.create_user_pool_client = _create_user_pool_client

# --- an admin-created user's sub is not its username -------------------------------------------
# `sub` is the user's immutable id and `cognito:username` its username; they differ for users with a
# chosen username, and code that read the wrong claim must not pass every test. moto makes a generated
# username the very value of `sub`, so AdminCreateUser (the seed's and the tests' users) gives each user a
# sub of its own. SignUp keeps moto's (and an email-username pool's) sub = username, which the demo SPA
# relies on when it confirms a sign-up by the returned UserSub.

_original_admin_create_user = models.CognitoIdpBackend.admin_create_user


def _admin_create_user(self, *args, **kwargs):
    user = _original_admin_create_user(self, *args, **kwargs)
    user.id = str(uuid.uuid4())
    user.update_attributes([{"Name": "sub", "Value": user.id}])
    return user


models.CognitoIdpBackend.admin_create_user = _admin_create_user

# --- ListUsers filters: a quoted value with \" and \\ escapes, as Cognito parses it ---------------

_FILTER = re.compile(r'^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$')
_original_list_users = models.CognitoIdpBackend.list_users


def _list_users(self, user_pool_id, filt, *args, **kwargs):
    if filt:
        match = _FILTER.match(filt)
        if not match:
            raise models.InvalidParameterException("Error while parsing filter")
        name, op, value = match.groups()
        value = re.sub(r'\\(.)', r'\1', value)
        filt = f'{name} {op} "{value}"'
    return _original_list_users(self, user_pool_id, filt, *args, **kwargs)


models.CognitoIdpBackend.list_users = _list_users

# --- tokens name the user the way Cognito does -------------------------------------------------

_original_create_jwt = models.CognitoIdpUserPool.create_jwt


def _create_jwt(self, client_id, username, token_use, expires_in=60 * 60, extra_data=None):
    user = self._get_user(username)
    extra = dict(extra_data or {})
    if user is not None:
        if token_use == "id":
            extra["cognito:username"] = user.username
            email = user.attribute_lookup.get("email")
            if email:
                extra["email"] = email
            age = _take_aged_sign_in(user.username, email)
            if age is not None:
                extra["auth_time"] = int(time.time()) - age
        else:
            extra["username"] = user.username
    token, expires = _original_create_jwt(self, client_id, username, token_use, expires_in, extra)
    rotated = _rotated_keys.get(self.id)
    if rotated is not None:
        kid, key = rotated
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        token = joserfc_jwt.encode({"kid": kid, "alg": "RS256"}, claims, key)
    return token, expires


models.CognitoIdpUserPool.create_jwt = _create_jwt

_aged_sign_ins = {}  # lower-case username or email -> seconds, for POST /_local/aged-sign-in
_aged_lock = threading.Lock()


def _take_aged_sign_in(username, email):
    with _aged_lock:
        for key in (username, email):
            if key and key.lower() in _aged_sign_ins:
                return _aged_sign_ins.pop(key.lower())
    return None

# --- rotating a pool's signing key --------------------------------------------------------------

_rotated_keys = {}  # pool id -> (kid, joserfc RSAKey)


def _local_rotate_signing_key(self):
    pool_id = self._get_param("UserPoolId")
    self.backend.describe_user_pool(pool_id)  # ResourceNotFoundException for an unknown pool
    kid = "local-" + uuid.uuid4().hex[:12]
    _rotated_keys[pool_id] = (kid, joserfc_jwk.RSAKey.generate_key(2048, parameters={"kid": kid}))
    return json.dumps({"UserPoolId": pool_id, "Kid": kid})


CognitoIdpResponse.local_rotate_signing_key = _local_rotate_signing_key
_JWKS_PATH = "{0}/(?P<user_pool_id>[^/]+)/.well-known/jwks.json$"
_original_serve_jwks = cognito_urls.url_paths[_JWKS_PATH]


def _serve_jwks(request, full_url, headers):
    pool_id = urllib.parse.urlparse(full_url).path.strip("/").split("/")[0]
    rotated = _rotated_keys.get(pool_id)
    if rotated is None:
        return _original_serve_jwks(request, full_url, headers)
    kid, key = rotated
    public = dict(key.as_dict(private=False), kid=kid, alg="RS256", use="sig")
    return 200, {"Content-Type": "application/json"}, json.dumps({"keys": [public]})


cognito_urls.url_paths[_JWKS_PATH] = _serve_jwks

# --- CUSTOM_AUTH -------------------------------------------------------------------------------


def _invoke(pool, trigger, event):
    arn = pool.extended_config.get("LambdaConfig", {}).get(trigger)
    if not arn:
        raise UserLambdaValidationException(f"{trigger} trigger is not configured")
    url = f"{LAMBDA_ENDPOINT}/2015-03-31/functions/{urllib.parse.quote(arn, safe='')}/invocations"
    request = urllib.request.Request(
        url, data=json.dumps(event).encode(), method="POST",
        headers={"Content-Type": "application/json", "X-Amz-Invocation-Type": "RequestResponse"})
    latency = float(_trigger_latency.get(trigger, 0))
    if latency >= LAMBDA_TIMEOUT_SECONDS:
        time.sleep(LAMBDA_TIMEOUT_SECONDS)
        raise UserLambdaValidationException(f"{trigger} failed with error TimeoutError.")
    time.sleep(latency)
    try:
        with urllib.request.urlopen(request, timeout=LAMBDA_TIMEOUT_SECONDS - latency) as response:
            body = response.read()
            if response.headers.get("X-Amz-Function-Error"):
                raise UserLambdaValidationException(f"{trigger} failed with error {body[:200]!r}.")
            return json.loads(body)
    except (urllib.error.URLError, TimeoutError, ValueError) as e:
        raise UserLambdaValidationException(f"{trigger} failed with error {type(e).__name__}.")


def _event(state, trigger_source, request):
    pool, client, user = state["pool"], state["client"], state["user"]
    return {
        "version": "1",
        "triggerSource": trigger_source,
        "region": pool.region,
        "userPoolId": pool.id,
        "userName": user.username,
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client.id},
        "request": dict({"userAttributes": flatten_attrs(user.attributes),
                         "userNotFound": state.get("not_found", False)}, **request),
        "response": {},
    }


def _define(state):
    event = _event(state, "DefineAuthChallenge_Authentication", {"session": state["history"]})
    return _invoke(state["pool"], "DefineAuthChallenge", event).get("response") or {}


def _next_step(backend, state):
    """Asks the define trigger what happens next and turns its answer into an API result."""
    decision = _define(state)
    if decision.get("failAuthentication"):
        raise NotAuthorizedError("Incorrect username or password.")
    if decision.get("issueTokens"):
        if state.get("not_found"):
            # Cognito never issues tokens for a user that does not exist, whatever the trigger says.
            raise NotAuthorizedError("Incorrect username or password.")
        return backend._log_user_in(state["pool"], state["client"], state["user"].username)
    challenge = decision.get("challengeName")
    if challenge != "CUSTOM_CHALLENGE":
        raise UserLambdaValidationException(f"DefineAuthChallenge returned unsupported challenge {challenge!r}")
    create_event = _event(state, "CreateAuthChallenge_Authentication",
                          {"challengeName": challenge, "session": state["history"]})
    created = _invoke(state["pool"], "CreateAuthChallenge", create_event).get("response") or {}
    state["private"] = created.get("privateChallengeParameters") or {}
    state["metadata"] = created.get("challengeMetadata")
    state["expires"] = time.time() + SESSION_TTL_SECONDS
    token = str(uuid.uuid4()) + str(uuid.uuid4())
    _sessions[token] = state
    parameters = dict(created.get("publicChallengeParameters") or {})
    parameters["USERNAME"] = state["user"].username
    return {"ChallengeName": challenge, "Session": token, "ChallengeParameters": parameters}


def _find_client(backend, client_id):
    for pool in backend.user_pools.values():
        if client_id in pool.clients:
            return pool, pool.clients[client_id]
    raise ResourceNotFoundError(client_id)


def _check_secret(client, username, secret_hash):
    if client.generate_secret and not check_secret_hash(client.secret, client.id, username, secret_hash):
        raise NotAuthorizedError("Unable to verify secret hash for client " + client.id)


class _SyntheticUser:
    """An unknown username as the triggers see it under PreventUserExistenceErrors ENABLED. For an
    email alias in a pool whose usernames are generated, the username is a stable UUID, as a real
    user's would be; otherwise it is the name given, as for a real user signing in by username."""

    def __init__(self, pool, name):
        aliased = "@" in name and "email" in pool.extended_config.get("UsernameAttributes", [])
        self.username = str(uuid.uuid5(uuid.NAMESPACE_URL, pool.id + "/" + name.lower())) if aliased else name
        self.attributes = []


def _require_custom_auth(client):
    flows = client.extended_config.get("ExplicitAuthFlows") or DEFAULT_AUTH_FLOWS
    if "ALLOW_CUSTOM_AUTH" not in flows and "CUSTOM_AUTH_FLOW_ONLY" not in flows:
        raise models.InvalidParameterException("Auth flow not enabled for this client")


def _start_custom_auth(backend, pool, client, auth_parameters):
    _require_custom_auth(client)
    username = (auth_parameters or {}).get("USERNAME")
    if not username:
        raise models.InvalidParameterException("Missing required parameter USERNAME")
    _check_secret(client, username, auth_parameters.get("SECRET_HASH"))
    user = pool._get_user(username)
    if not user:
        if client.extended_config.get("PreventUserExistenceErrors", "LEGACY") != "ENABLED":
            raise UserNotFoundError("User does not exist.")
        synthetic = _SyntheticUser(pool, username)
        state = {"pool": pool, "client": client, "user": synthetic, "history": [], "not_found": True,
                 "names": {username, synthetic.username}}
        return _next_step(backend, state)
    if not user.enabled:
        raise NotAuthorizedError("User is disabled.")
    if user.status is models.UserStatus.UNCONFIRMED:
        raise models.UserNotConfirmedException("User is not confirmed.")
    state = {"pool": pool, "client": client, "user": user, "history": []}
    return _next_step(backend, state)


def _answer_custom_challenge(backend, session, client_id, responses):
    state = _sessions.pop(session or "", None)
    if state is None or state["expires"] < time.time() or state["client"].id != client_id:
        raise NotAuthorizedError("Invalid session for the user.")
    responses = responses or {}
    user = state["user"]
    if responses.get("USERNAME") not in (user.username, None):
        known = responses["USERNAME"] in state["names"] if state.get("not_found") \
            else state["pool"]._get_user(responses["USERNAME"]) is user
        if not known:
            raise NotAuthorizedError("Incorrect username or password.")
    _check_secret(state["client"], responses.get("USERNAME") or user.username, responses.get("SECRET_HASH"))
    verify_event = _event(state, "VerifyAuthChallengeResponse_Authentication",
                          {"privateChallengeParameters": state["private"],
                           "challengeAnswer": responses.get("ANSWER", "")})
    verified = _invoke(state["pool"], "VerifyAuthChallengeResponse", verify_event).get("response") or {}
    state["history"] = state["history"] + [{
        "challengeName": "CUSTOM_CHALLENGE",
        "challengeResult": verified.get("answerCorrect") is True,
        "challengeMetadata": state["metadata"],
    }]
    return _next_step(backend, state)


_orig_initiate = models.CognitoIdpBackend.initiate_auth
_orig_admin_initiate = models.CognitoIdpBackend.admin_initiate_auth
_orig_respond = models.CognitoIdpBackend.respond_to_auth_challenge
_orig_admin_respond = models.CognitoIdpBackend.admin_respond_to_auth_challenge


def initiate_auth(self, client_id, auth_flow, auth_parameters):
    _count("InitiateAuth")
    if auth_flow == "CUSTOM_AUTH":
        pool, client = _find_client(self, client_id)
        return _start_custom_auth(self, pool, client, auth_parameters)
    return _orig_initiate(self, client_id, auth_flow, auth_parameters)


def admin_initiate_auth(self, user_pool_id, client_id, auth_flow, auth_parameters):
    _count("AdminInitiateAuth")
    if auth_flow == "CUSTOM_AUTH":
        pool = self.describe_user_pool(user_pool_id)
        client = pool.clients.get(client_id)
        if client is None:
            raise ResourceNotFoundError(client_id)
        return _start_custom_auth(self, pool, client, auth_parameters)
    return _orig_admin_initiate(self, user_pool_id, client_id, auth_flow, auth_parameters)


def respond_to_auth_challenge(self, session, client_id, challenge_name, challenge_responses):
    _count("RespondToAuthChallenge")
    if challenge_name == "CUSTOM_CHALLENGE":
        return _answer_custom_challenge(self, session, client_id, challenge_responses)
    return _orig_respond(self, session, client_id, challenge_name, challenge_responses)


def admin_respond_to_auth_challenge(self, session, client_id, challenge_name, challenge_responses):
    _count("AdminRespondToAuthChallenge")
    if challenge_name == "CUSTOM_CHALLENGE":
        return _answer_custom_challenge(self, session, client_id, challenge_responses)
    return _orig_admin_respond(self, session, client_id, challenge_name, challenge_responses)


models.CognitoIdpBackend.initiate_auth = initiate_auth
models.CognitoIdpBackend.admin_initiate_auth = admin_initiate_auth
models.CognitoIdpBackend.respond_to_auth_challenge = respond_to_auth_challenge
models.CognitoIdpBackend.admin_respond_to_auth_challenge = admin_respond_to_auth_challenge


# --- test controls under /_local/ ---------------------------------------------------------------


def _json_response(start_response, status, body):
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def _set_trigger_latency(values):
    if not isinstance(values, dict) or not all(isinstance(v, (int, float)) and v >= 0 for v in values.values()):
        raise ValueError("expected {trigger: seconds}")
    _trigger_latency.clear()
    _trigger_latency.update(values)


def _with_test_controls(app):
    def wrapped(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD")
        if path == "/_local/calls" and method == "GET":
            with _calls_lock:
                return _json_response(start_response, "200 OK", dict(_calls))
        if path == "/_local/trigger-latency" and method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            try:
                _set_trigger_latency(json.loads(environ["wsgi.input"].read(length) or b"{}"))
            except ValueError as e:
                return _json_response(start_response, "400 Bad Request", {"message": str(e)})
            return _json_response(start_response, "200 OK", dict(_trigger_latency))
        if path == "/_local/aged-sign-in" and method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            try:
                body = json.loads(environ["wsgi.input"].read(length) or b"{}")
                user, seconds = body["user"], body["seconds"]
                if not isinstance(user, str) or not isinstance(seconds, int) or seconds < 0:
                    raise ValueError
            except (ValueError, KeyError, TypeError):
                return _json_response(start_response, "400 Bad Request", {"message": 'expected {"user": str, "seconds": int >= 0}'})
            with _aged_lock:
                _aged_sign_ins[user.lower()] = seconds
            return _json_response(start_response, "200 OK", {"user": user, "seconds": seconds})
        return app(environ, start_response)
    return wrapped


def run():
    global LAMBDA_ENDPOINT
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--lambda-endpoint", default=LAMBDA_ENDPOINT)
    args = parser.parse_args()
    LAMBDA_ENDPOINT = args.lambda_endpoint.rstrip("/")
    _set_trigger_latency(json.loads(os.environ.get("LOCAL_AWS_TRIGGER_LATENCY") or "{}"))
    os.environ.setdefault("MOTO_PORT", str(args.port))
    # moto's own server (moto.server.main) with the test controls in front of it.
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, _with_test_controls(app), threaded=True)


if __name__ == "__main__":
    run()
