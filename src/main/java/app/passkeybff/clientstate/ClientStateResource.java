package app.passkeybff.clientstate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/client-state")
@Tag(name = "login")
public class ClientStateResource {

    /** The stored Corbado clientState, or null. */
    @Schema(name = "ClientState")
    public record ClientState(
            @Schema(required = true, nullable = true, description = "The clientState from the cookie, or null.")
            String clientState) {
    }

    private final ClientStateCookie cookie;

    public ClientStateResource(ClientStateCookie cookie) {
        this.cookie = cookie;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirementsSet({})
    @Operation(operationId = "getClientState", summary = "Read the client-state cookie",
            description = "The cookie is HttpOnly, so an SPA reads it here to hand it to the Corbado login component.")
    @APIResponse(responseCode = "200", description = "The stored clientState, or null when there is none.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientState.class)))
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    @Parameter(name = "__Host-cbo_client_state", in = ParameterIn.COOKIE, required = false,
            description = "The HttpOnly client-state cookie set by /passkey-login and /passkey-append-complete (name set "
                    + "by CLIENT_STATE_COOKIE). JavaScript cannot read or send it by hand: browsers send it when the "
                    + "SPA calls with `credentials: 'include'` from the same site; mobile clients from their cookie jar.",
            schema = @Schema(type = SchemaType.STRING))
    public ClientState get(HttpHeaders headers) {
        return new ClientState(cookie.read(headers.getCookies()).orElse(null));
    }
}
