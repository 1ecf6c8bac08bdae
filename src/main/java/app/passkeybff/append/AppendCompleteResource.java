package app.passkeybff.append;

import app.passkeybff.auth.IdTokenUser;
import app.passkeybff.clientstate.ClientStateCookie;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/passkey-append-complete")
@Tag(name = "append")
public class AppendCompleteResource {

    private final AppendCompleteService service;
    private final ClientStateCookie cookie;
    private final JsonWebToken idToken;

    public AppendCompleteResource(AppendCompleteService service, ClientStateCookie cookie, JsonWebToken idToken) {
        this.service = service;
        this.cookie = cookie;
        this.idToken = idToken;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "cognitoIdToken")
    @Operation(operationId = "passkeyAppendComplete", summary = "Report the outcome of the Corbado append component",
            description = "For complete/complete-noop: stores clientState in the client-state cookie and runs the "
                    + "post-append MFA rule for the token's user (SMS MFA on when the user has no MFA; idempotent; "
                    + "switch off with ACTIONS_MFA_ON_APPEND=false). For skip-implicit/skip-explicit: changes nothing.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AppendCompleteRequest.class)))
    @APIResponse(responseCode = "200", description = "Recorded.",
            headers = @Header(name = "Set-Cookie", description = ClientStateCookie.SET_COOKIE_DESCRIPTION + "Set for complete and complete-noop with clientState.",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                            example = ClientStateCookie.SET_COOKIE_EXAMPLE)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppendCompleteResponse.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "InvalidToken")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "UpstreamError")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    @APIResponse(responseCode = "504", ref = "UpstreamTimeout")
    public Uni<RestResponse<AppendCompleteResponse>> complete(
            @Valid @NotNull(message = "A JSON body with field 'appendStatus' is required.") AppendCompleteRequest request) {
        AppendStatus status = AppendStatus.fromWire(request.appendStatus());
        IdTokenUser user = IdTokenUser.from(idToken);
        if (!status.completed()) {
            // A skipped append changes nothing: no MFA rule, no cookie.
            return Uni.createFrom().item(RestResponse.ResponseBuilder
                    .ok(new AppendCompleteResponse(status.wire(), false), MediaType.APPLICATION_JSON_TYPE).build());
        }
        return service.completed(user).map(mfaUpdated -> {
            var response = RestResponse.ResponseBuilder.ok(new AppendCompleteResponse(status.wire(), mfaUpdated),
                    MediaType.APPLICATION_JSON_TYPE);
            if (request.clientState() != null) {
                response.cookie(cookie.write(request.clientState()));
            }
            return response.build();
        });
    }
}
