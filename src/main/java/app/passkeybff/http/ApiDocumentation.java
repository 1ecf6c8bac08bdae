package app.passkeybff.http;

import app.passkeybff.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Document-level OpenAPI: security schemes and the shared problem responses every operation refers to. */
@OpenAPIDefinition(
        info = @Info(title = "Passkey BFF for Amazon Cognito", version = "1.0.0",
                description = "Backend-for-frontend that adds Corbado Connect passkeys to an existing Amazon Cognito user pool.",
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        servers = @Server(url = "/", description = "This service"),
        tags = {
                @Tag(name = "connect-tokens", description = "Corbado ConnectTokens for the signed-in user"),
                @Tag(name = "login", description = "Passkey login into Cognito"),
                @Tag(name = "append", description = "After a passkey was appended"),
                @Tag(name = "webhooks", description = "Corbado actions: server-to-server webhooks called by Corbado with the "
                        + "actions secret, not by SPA or mobile clients; leave this tag out when generating a client.")},
        components = @Components(
                schemas = {
                        @Schema(name = "ProblemCode", type = SchemaType.STRING, description = "Stable, machine-readable "
                                + "problem code; each operation lists in its error responses which codes it answers.",
                                enumeration = {"invalid_request", "invalid_token", "reauthentication_required", "passkey_login_failed", "account_disabled",
                                        "user_not_found", "not_found", "method_not_allowed", "not_acceptable", "request_timeout",
                                        "payload_too_large", "unsupported_media_type", "rate_limited", "upstream_error",
                                        "upstream_unavailable", "upstream_timeout", "internal_error"}),
                        @Schema(name = "AppendStatus", type = SchemaType.STRING, description = "What the Corbado append "
                                + "component reported: complete and complete-noop mean the user has a passkey now.",
                                enumeration = {"complete", "complete-noop", "skip-implicit", "skip-explicit"}),
                        @Schema(name = "ConnectTokenType", type = SchemaType.STRING, description = "The Corbado "
                                + "component the ConnectToken is for (passkey-login is deliberately not issued).",
                                enumeration = {"passkey-append", "passkey-list", "passkey-delete"}),
                        @Schema(name = "PostAppendResult", type = SchemaType.OBJECT, maxProperties = 0,
                                description = "Always an empty object: the action has no result to report.")},
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = "cognitoIdToken", type = SecuritySchemeType.HTTP,
                                scheme = "bearer", bearerFormat = "JWT",
                                description = "A Cognito ID token (RS256) of the configured user pool and app client."),
                        @SecurityScheme(securitySchemeName = "actionsSecret", type = SecuritySchemeType.HTTP,
                                scheme = "bearer",
                                description = "The Corbado actions secret, stored as an SSM SecureString parameter.")},
                responses = {
                        @APIResponse(name = "InvalidRequest", responseCode = "400", description = "`invalid_request`: malformed JSON, missing or wrong fields.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                        examples = @ExampleObject(name = "invalid_request", value = "{\"type\":\"https://passkey-bff.dev/problems/invalid_request\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"Field 'type' is required.\",\"code\":\"invalid_request\"}"))),
                        @APIResponse(name = "InvalidToken", responseCode = "401", description = "`invalid_token`: missing, malformed, expired or forged bearer token.",
                                headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "Bearer error=\"invalid_token\"")),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                        examples = @ExampleObject(name = "invalid_token", value = "{\"type\":\"https://passkey-bff.dev/problems/invalid_token\",\"title\":\"Invalid token\",\"status\":401,\"detail\":\"The bearer token is missing, malformed, expired or not a Cognito ID token for this service.\",\"code\":\"invalid_token\"}"))),
                        @APIResponse(name = "ReauthenticationRequired", responseCode = "401", description = "`invalid_token` (missing, "
                                + "malformed, expired or forged bearer token) or `reauthentication_required` (RFC 9470 step-up: a passkey-append or "
                                + "passkey-delete ConnectToken needs a sign-in within STEP_UP_MAX_AGE; sign the user in again and retry).",
                                headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "Bearer error=\"insufficient_user_authentication\", max_age=900")),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                        examples = {
                                                @ExampleObject(name = "invalid_token", value = "{\"type\":\"https://passkey-bff.dev/problems/invalid_token\",\"title\":\"Invalid token\",\"status\":401,\"detail\":\"The bearer token is missing, malformed, expired or not a Cognito ID token for this service.\",\"code\":\"invalid_token\"}"),
                                                @ExampleObject(name = "reauthentication_required", value = "{\"type\":\"https://passkey-bff.dev/problems/reauthentication_required\",\"title\":\"Reauthentication required\",\"status\":401,\"detail\":\"Adding or removing a passkey needs a sign-in within the last 900 seconds: sign in again and retry.\",\"code\":\"reauthentication_required\"}")})),
                        @APIResponse(name = "PasskeyLoginFailed", responseCode = "401", description = "`passkey_login_failed`: unknown user, wrong, replayed, expired or foreign signedPasskeyData (deliberately indistinguishable).",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                        examples = @ExampleObject(name = "passkey_login_failed", value = "{\"type\":\"https://passkey-bff.dev/problems/passkey_login_failed\",\"title\":\"Passkey login failed\",\"status\":401,\"detail\":\"The passkey could not be verified for this account.\",\"code\":\"passkey_login_failed\"}"))),
                        @APIResponse(name = "AccountDisabled", responseCode = "403", description = "`account_disabled`: Cognito reports the user disabled.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "NotAcceptable", responseCode = "406", description = "`not_acceptable`: the Accept header excludes application/json.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "PayloadTooLarge", responseCode = "413", description = "`payload_too_large`: body larger than 16 KiB.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UnsupportedMediaType", responseCode = "415", description = "`unsupported_media_type`: body is not application/json.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "RateLimited", responseCode = "429", description = "`rate_limited`: throttled by Cognito or by the service's own limit.",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UpstreamError", responseCode = "502", description = "`upstream_error`: Corbado or Cognito answered with an unexpected error.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UpstreamUnavailable", responseCode = "503", description = "`upstream_unavailable`: upstream unreachable, circuit open, or secrets not loaded.",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UpstreamTimeout", responseCode = "504", description = "`upstream_timeout`: upstream too slow.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "InternalError", description = "`internal_error` (500): the service failed unexpectedly; never a stack trace.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                        examples = @ExampleObject(name = "internal_error", value = "{\"type\":\"https://passkey-bff.dev/problems/internal_error\",\"title\":\"Internal error\",\"status\":500,\"detail\":\"The service failed unexpectedly.\",\"code\":\"internal_error\"}")))}))
public class ApiDocumentation extends Application {
}
