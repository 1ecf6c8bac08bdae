package app.passkeybff.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of Corbado's Frontend API that its Connect components call from the browser, played
 * locally with real WebAuthn (dev and test builds only, like the rest of the stub). The demo SPA calls
 * it where production uses {@code @corbado/connect-react} / web-js; the service calls around it are the
 * same. Bodies: {@code {connectToken}} or the browser's {@code PublicKeyCredential.toJSON()}.
 */
@Path("/local/corbado-frontend/v2/connect")
@IfBuildProfile(anyOf = {"dev", "test"})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LocalFrontendApiResource {

    private final LocalWebAuthn webauthn;
    private final LocalConnectTokens tokens;
    private final LocalCorbado corbado;

    public LocalFrontendApiResource(LocalWebAuthn webauthn, LocalConnectTokens tokens, LocalCorbado corbado) {
        this.webauthn = webauthn;
        this.tokens = tokens;
        this.corbado = corbado;
    }

    @POST
    @Path("/append/start")
    @Operation(hidden = true)
    public Response appendStart(JsonNode body) {
        Optional<LocalConnectTokens.Issued> token = tokens.redeem(text(body, "connectToken"), "passkey-append");
        if (token.isEmpty()) {
            return invalidConnectToken();
        }
        return Response.ok(Map.of("publicKey", webauthn.registrationOptions(token.get()))).build();
    }

    @POST
    @Path("/append/finish")
    @Operation(hidden = true)
    public Response appendFinish(JsonNode body) {
        return refusable(() -> Map.of("passkey", webauthn.finishRegistration(credential(body, "attestationResponse"))));
    }

    @POST
    @Path("/login/start")
    @Operation(hidden = true)
    public Response loginStart() {
        return Response.ok(Map.of("publicKey", webauthn.assertionOptions())).build();
    }

    @POST
    @Path("/login/finish")
    @Operation(hidden = true)
    public Response loginFinish(JsonNode body) {
        return refusable(() -> Map.of("signedPasskeyData", webauthn.finishAssertion(credential(body, "assertionResponse"))));
    }

    @POST
    @Path("/manage/list")
    @Operation(hidden = true)
    public Response list(JsonNode body) {
        Optional<LocalConnectTokens.Issued> token = tokens.redeem(text(body, "connectToken"), "passkey-list");
        if (token.isEmpty()) {
            return invalidConnectToken();
        }
        return Response.ok(Map.of("passkeys", webauthn.passkeysOf(token.get().identifier()))).build();
    }

    @POST
    @Path("/manage/delete")
    @Operation(hidden = true)
    public Response delete(JsonNode body) {
        Optional<LocalConnectTokens.Issued> token = tokens.redeem(text(body, "connectToken"), "passkey-delete");
        if (token.isEmpty()) {
            return invalidConnectToken();
        }
        if (!webauthn.delete(token.get().identifier(), text(body, "passkeyId"))) {
            return error(404, "passkey_not_found", "no such passkey for this user");
        }
        return Response.ok(Map.of()).build();
    }

    private interface Step {
        Object run();
    }

    private Response refusable(Step step) {
        try {
            return Response.ok(step.run()).build();
        } catch (LocalWebAuthn.Refused e) {
            return error(400, e.type(), e.getMessage());
        }
    }

    private static String credential(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isObject()) {
            throw new LocalWebAuthn.Refused("invalid_request", field + " must be a PublicKeyCredential in JSON form");
        }
        return value.toString();
    }

    private Response invalidConnectToken() {
        return error(401, "invalid_connect_token", "ConnectToken unknown, expired, used or of another type");
    }

    private Response error(int status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(corbado.error(status, type, message, null)).build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

}
