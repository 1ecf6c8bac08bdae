package app.passkeybff.login;

import app.passkeybff.clientstate.ClientStateCookie;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/passkey-login")
@Tag(name = "login")
public class PasskeyLoginResource {

    private final PasskeyLoginService service;
    private final ClientStateCookie cookie;
    private final LoginOutcomes outcomes;

    public PasskeyLoginResource(PasskeyLoginService service, ClientStateCookie cookie, LoginOutcomes outcomes) {
        this.service = service;
        this.cookie = cookie;
        this.outcomes = outcomes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirementsSet({})
    @Operation(operationId = "passkeyLogin", summary = "Log in to Cognito with a passkey",
            description = "Takes the signedPasskeyData of a finished Corbado passkey login, verifies it locally without "
                    + "spending it (RS256 by Corbado's Frontend API key set, iss = project id, exp/nbf), runs Cognito "
                    + "CUSTOM_AUTH for its webauthnId and answers the challenge with it; the verify trigger checks it "
                    + "with Corbado (single use). Unknown users, forged, wrong, replayed, expired or foreign data all "
                    + "answer the same 401; 503 when the key set cannot be fetched.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PasskeyLoginRequest.class)))
    @APIResponse(responseCode = "200", description = "Logged in; Cognito's tokens.",
            headers = @Header(name = "Set-Cookie", description = ClientStateCookie.SET_COOKIE_DESCRIPTION + "Set when clientState was given.",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                            example = ClientStateCookie.SET_COOKIE_EXAMPLE)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoginTokens.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "PasskeyLoginFailed")
    @APIResponse(responseCode = "403", ref = "AccountDisabled")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "UpstreamError")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    @APIResponse(responseCode = "504", ref = "UpstreamTimeout")
    public Uni<RestResponse<LoginTokens>> login(
            @Valid @NotNull(message = "A JSON body with field 'signedPasskeyData' is required.") PasskeyLoginRequest request) {
        return outcomes.counted(() -> service.login(SignedPasskeyData.parse(request.signedPasskeyData()))).map(tokens -> {
            var response = RestResponse.ResponseBuilder.ok(tokens, MediaType.APPLICATION_JSON_TYPE);
            if (request.clientState() != null) {
                response.cookie(cookie.write(request.clientState()));
            }
            return response.build();
        });
    }
}
