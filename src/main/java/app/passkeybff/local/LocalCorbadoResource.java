package app.passkeybff.local;

import app.passkeybff.corbado.CorbadoConnectToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A faithful local Corbado Backend API for dev mode and tests (never built into the production
 * jar): Basic auth, request validation and Corbado-shaped error bodies; RS256 signedPasskeyData
 * verified for signature, lifetime, user and single use.
 */
@Path("/local/corbado/v2")
@IfBuildProfile(anyOf = {"dev", "test"})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LocalCorbadoResource {

    private static final Set<String> TYPES = Set.of("passkey-append", "passkey-list", "passkey-delete", "passkey-login");
    private static final int DEFAULT_LIFETIME_SECONDS = 3600;

    private final LocalCorbado corbado;
    private final LocalConnectTokens connectTokens;

    public LocalCorbadoResource(LocalCorbado corbado, LocalConnectTokens connectTokens) {
        this.corbado = corbado;
        this.connectTokens = connectTokens;
    }

    @POST
    @Path("/connectTokens")
    @Operation(hidden = true)
    public Uni<Response> createConnectToken(@HeaderParam("Authorization") String authorization, JsonNode body) {
        return corbado.project().map(project -> {
            boolean authorized = LocalCorbado.authorized(authorization, project);
            if (!authorized) {
                corbado.record(new LocalCorbado.ConnectTokenCall(LocalCorbado.projectIdOf(authorization), false,
                        null, null, null, authorization));
                return error(401, "unauthorized", "Unauthorized: project ID or API secret is wrong", List.of());
            }
            List<CorbadoError.Validation> problems = validateConnectToken(body);
            if (!problems.isEmpty()) {
                return error(400, "validation_error", "Request validation failed", problems);
            }
            String type = body.get("type").asText();
            JsonNode data = body.get("data");
            corbado.record(new LocalCorbado.ConnectTokenCall(project.projectId(), true, type,
                    text(data, "identifier"), text(data, "displayName"), authorization));
            int lifetime = body.hasNonNull("maxLifetimeInSeconds")
                    ? body.get("maxLifetimeInSeconds").asInt() : DEFAULT_LIFETIME_SECONDS;
            var token = new CorbadoConnectToken(corbado.randomId("ctk-", 10), type, data, "initial",
                    Instant.now().getEpochSecond() + lifetime, corbado.randomId("ctks_", 24));
            // Remembered for the Frontend API stand-in, which the SPA hands this secret to.
            connectTokens.issue(token.secret(), new LocalConnectTokens.Issued(type, text(data, "identifier"),
                    text(data, "displayName"), Instant.ofEpochSecond(token.expires())));
            return Response.ok(token).build();
        });
    }

    @POST
    @Path("/passkey/verifySignedData")
    @Operation(hidden = true)
    public Uni<Response> verifySignedData(@HeaderParam("Authorization") String authorization, JsonNode body) {
        return corbado.project().map(project -> {
            if (!LocalCorbado.authorized(authorization, project)) {
                return error(401, "unauthorized", "Unauthorized: project ID or API secret is wrong", List.of());
            }
            List<CorbadoError.Validation> problems = new ArrayList<>();
            if (body == null || !body.isObject()) {
                problems.add(new CorbadoError.Validation("body", "must be a JSON object"));
            } else {
                requireText(body, "signedPasskeyData", problems);
                requireText(body, "username", problems);
            }
            if (!problems.isEmpty()) {
                return error(400, "validation_error", "Request validation failed", problems);
            }
            String result = corbado.verify(body.get("signedPasskeyData").asText(), body.get("username").asText());
            return Response.ok(java.util.Map.of("verificationResult", result)).build();
        });
    }

    /**
     * Dev/test only, not a Corbado API: simulates a finished passkey ceremony in the Corbado login
     * component and returns the signedPasskeyData it would hand to the frontend.
     */
    @POST
    @Path("/local/signedPasskeyData")
    @Operation(hidden = true)
    public Response mintSignedPasskeyData(JsonNode body) {
        String username = text(body, "username");
        if (username == null || username.isBlank()) {
            return error(400, "validation_error", "Request validation failed",
                    List.of(new CorbadoError.Validation("username", "cannot be blank")));
        }
        String webauthnId = body.hasNonNull("webauthnId") ? body.get("webauthnId").asText() : username;
        long lifetime = body.hasNonNull("expiresInSeconds") ? body.get("expiresInSeconds").asLong() : 300;
        return Response.ok(java.util.Map.of("signedPasskeyData",
                corbado.mintSignedPasskeyData(username, webauthnId, lifetime))).build();
    }

    private static List<CorbadoError.Validation> validateConnectToken(JsonNode body) {
        List<CorbadoError.Validation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            problems.add(new CorbadoError.Validation("body", "must be a JSON object"));
            return problems;
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isTextual() || !TYPES.contains(type.asText())) {
            problems.add(new CorbadoError.Validation("type", "must be one of " + TYPES));
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            problems.add(new CorbadoError.Validation("data", "cannot be blank"));
        } else {
            requireText(data, "identifier", problems);
            if (type != null && "passkey-append".equals(type.asText())) {
                requireText(data, "displayName", problems);
            }
        }
        JsonNode lifetime = body.get("maxLifetimeInSeconds");
        if (lifetime != null && !lifetime.isNull() && (!lifetime.isInt() || lifetime.asInt() < 1)) {
            problems.add(new CorbadoError.Validation("maxLifetimeInSeconds", "must be a positive integer"));
        }
        return problems;
    }

    private static void requireText(JsonNode data, String field, List<CorbadoError.Validation> problems) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(new CorbadoError.Validation("data." + field, "cannot be blank"));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    Response error(int status, String type, String message, List<CorbadoError.Validation> validation) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(corbado.error(status, type, message, validation.isEmpty() ? null : validation)).build();
    }

}
