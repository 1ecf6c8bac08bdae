package app.passkeybff.http;

import app.passkeybff.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
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
                @Tag(name = "actions", description = "Corbado actions as authenticated webhooks")},
        components = @Components(
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = "cognitoIdToken", type = SecuritySchemeType.HTTP,
                                scheme = "bearer", bearerFormat = "JWT",
                                description = "A Cognito ID token (RS256) of the configured user pool and app client."),
                        @SecurityScheme(securitySchemeName = "actionsSecret", type = SecuritySchemeType.HTTP,
                                scheme = "bearer",
                                description = "The Corbado actions secret, stored as an SSM SecureString parameter.")},
                responses = {
                        @APIResponse(name = "InvalidRequest", responseCode = "400", description = "Malformed JSON, missing or wrong fields.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                        examples = @ExampleObject(name = "invalid_request", value = "{\"type\":\"https://passkey-bff.dev/problems/invalid_request\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"Field 'type' is required.\",\"code\":\"invalid_request\"}"))),
                        @APIResponse(name = "InvalidToken", responseCode = "401", description = "Missing, malformed, expired or forged bearer token.",
                                headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "Bearer error=\"invalid_token\"")),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                        examples = @ExampleObject(name = "invalid_token", value = "{\"type\":\"https://passkey-bff.dev/problems/invalid_token\",\"title\":\"Invalid token\",\"status\":401,\"detail\":\"The bearer token is missing, malformed, expired or not a Cognito ID token for this service.\",\"code\":\"invalid_token\"}"))),
                        @APIResponse(name = "PasskeyLoginFailed", responseCode = "401", description = "The passkey login did not succeed: unknown user, wrong, replayed, expired or foreign signedPasskeyData (deliberately indistinguishable).",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                                        examples = @ExampleObject(name = "passkey_login_failed", value = "{\"type\":\"https://passkey-bff.dev/problems/passkey_login_failed\",\"title\":\"Passkey login failed\",\"status\":401,\"detail\":\"The passkey could not be verified for this account.\",\"code\":\"passkey_login_failed\"}"))),
                        @APIResponse(name = "AccountDisabled", responseCode = "403", description = "Cognito reports the user disabled.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "NotAcceptable", responseCode = "406", description = "The Accept header excludes application/json.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "PayloadTooLarge", responseCode = "413", description = "Body larger than 16 KiB.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UnsupportedMediaType", responseCode = "415", description = "Body is not application/json.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "RateLimited", responseCode = "429", description = "Throttled by Cognito or by the service's own limit.",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UpstreamError", responseCode = "502", description = "Corbado or Cognito answered with an unexpected error.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UpstreamUnavailable", responseCode = "503", description = "Upstream unreachable, circuit open, or secrets not loaded.",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UpstreamTimeout", responseCode = "504", description = "Upstream too slow.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))}))
public class ApiDocumentation extends Application {
}
