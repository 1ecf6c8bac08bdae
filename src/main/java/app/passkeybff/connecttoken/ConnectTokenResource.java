package app.passkeybff.connecttoken;

import app.passkeybff.auth.IdTokenUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/connect-tokens")
@Tag(name = "connect-tokens")
public class ConnectTokenResource {

    private final ConnectTokenService service;
    private final JsonWebToken idToken;

    public ConnectTokenResource(ConnectTokenService service, JsonWebToken idToken) {
        this.service = service;
        this.idToken = idToken;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "cognitoIdToken")
    @Operation(operationId = "createConnectToken", summary = "Create a Corbado ConnectToken for the signed-in user",
            description = "Verifies the Cognito ID token, then asks Corbado for a ConnectToken of the requested type "
                    + "for that user (identifier = cognito:username, displayName = email). passkey-append and passkey-delete "
                    + "change the user's credentials and need a recent sign-in: an ID token whose auth_time is older than "
                    + "STEP_UP_MAX_AGE (default 15 minutes), or that has none, gets 401 reauthentication_required (RFC 9470).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConnectTokenRequest.class)))
    @APIResponse(responseCode = "200", description = "ConnectToken created.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectTokenResponse.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "ReauthenticationRequired")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "UpstreamError")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    @APIResponse(responseCode = "504", ref = "UpstreamTimeout")
    public Uni<ConnectTokenResponse> create(
            @Valid @NotNull(message = "A JSON body with field 'type' is required.") ConnectTokenRequest request) {
        return service.create(IdTokenUser.from(idToken), ConnectTokenType.fromWire(request.type()));
    }
}
