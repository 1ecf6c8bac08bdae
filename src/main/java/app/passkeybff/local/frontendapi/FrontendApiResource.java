package app.passkeybff.local.frontendapi;

import app.passkeybff.local.CorbadoError;
import app.passkeybff.local.LocalConnectTokens;
import app.passkeybff.local.LocalCorbado;
import app.passkeybff.secrets.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Corbado's Frontend API v2, the connect operations its browser packages call
 * ({@code @corbado/web-core}, {@code @corbado/connect-react}), under {@code /local/corbado-frontend}: the
 * paths, request and answer shapes, status codes and error bodies of Corbado's {@code spec_v2.yaml} as
 * the packages read them ({@link Wire}). Around the ceremonies ({@link LocalWebAuthn}) it behaves like
 * Corbado's cloud: {@code login/start} asks the pre-login action who the typed identifier is, a finished
 * append calls the post-append action ({@link ActionsClient}), and a finished login answers
 * signedPasskeyData signed with the stub's Frontend API key. Dev and test builds only.
 */
@Path("/local/corbado-frontend/v2/connect")
@IfBuildProfile(anyOf = {"dev", "test"})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FrontendApiResource {

    private static final Logger LOG = Logger.getLogger(FrontendApiResource.class);
    private static final String PROJECT = "X-Corbado-ProjectID";
    private static final String PROCESS = "x-corbado-process-id";
    private static final long SIGNED_PASSKEY_DATA_LIFETIME_SECONDS = 300;
    private static final List<String> LOGIN_SOURCES = List.of("one-tap", "text-field", "error-soft", "error-hard");
    private static final List<String> COMPLETION_TYPES = List.of("auto", "conditional", "manual", "manual-retry");
    private static final List<String> EVENT_TYPES = List.of("login-explicit-abort", "login-error", "login-error-untyped",
            "login-error-unexpected", "login-one-tap-switch", "login-no-credentials",
            "user-append-after-cross-platform-blacklisted", "user-append-after-login-error-blacklisted",
            "append-credential-exists", "append-explicit-abort", "append-error", "append-error-unexpected",
            "append-learn-more", "manage-error-unexpected");
    // A neutral key in both themes, inline so the list fetches nothing.
    private static final String KEY_ICON = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAyNCAyNCI+PGNpcmNsZSBjeD0iOCIgY3k9IjEyIiByPSI0IiBmaWxsPSJub25lIiBzdHJva2U9IiM4ODgiIHN0cm9rZS13aWR0aD0iMiIvPjxwYXRoIGQ9Ik0xMiAxMmg5bS0zIDB2NCIgc3Ryb2tlPSIjODg4IiBzdHJva2Utd2lkdGg9IjIiLz48L3N2Zz4=";

    private final LocalWebAuthn webauthn;
    private final LocalConnectTokens tokens;
    private final LocalCorbado corbado;
    private final ConnectProcesses processes;
    private final ActionsClient actions;
    private final Secrets secrets;

    public FrontendApiResource(LocalWebAuthn webauthn, LocalConnectTokens tokens, LocalCorbado corbado,
                               ConnectProcesses processes, ActionsClient actions, Secrets secrets) {
        this.webauthn = webauthn;
        this.tokens = tokens;
        this.corbado = corbado;
        this.processes = processes;
        this.actions = actions;
        this.secrets = secrets;
    }

    @POST
    @Path("/login/init")
    @Operation(hidden = true)
    public Response loginInit(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                              @Context HttpHeaders headers, @Context UriInfo uri, JsonNode body) {
        return init(project, process, body, opened -> new Wire.ConnectLoginInitRsp(opened.id(), seconds(opened),
                frontendApiUrl(headers, uri), true, Map.of()));
    }

    @POST
    @Path("/append/init")
    @Operation(hidden = true)
    public Response appendInit(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                               @Context HttpHeaders headers, @Context UriInfo uri, JsonNode body) {
        return init(project, process, body, opened -> new Wire.ConnectAppendInitRsp(opened.id(), seconds(opened),
                frontendApiUrl(headers, uri), true, Map.of()));
    }

    @POST
    @Path("/manage/init")
    @Operation(hidden = true)
    public Response manageInit(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                               @Context HttpHeaders headers, @Context UriInfo uri, JsonNode body) {
        return init(project, process, body, opened -> new Wire.ConnectManageInitRsp(opened.id(), seconds(opened),
                frontendApiUrl(headers, uri), true, Map.of()));
    }

    /**
     * Asks the pre-login action who the identifier is, then answers the ceremony for that Cognito user's
     * passkeys, or no ceremony and why (see {@link #fallback}).
     */
    @POST
    @Path("/login/start")
    @Operation(hidden = true)
    public Uni<Response> loginStart(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                                    JsonNode body) {
        Fields fields = new Fields(body);
        String identifier = fields.text("identifier", true);
        fields.oneOf("source", LOGIN_SOURCES, true);
        fields.integer("loadedMs", true);
        fields.text("loginConnectToken", false);
        fields.bool("identifierHintAvailable", false);
        fields.object("oneTapMeta", false);
        Optional<Response> refused = refusal(project, process, fields);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        return actions.preLogin(identifier)
                .map(answer -> loginStartAnswer(answer, identifier, process))
                .onFailure().recoverWithItem(failure -> {
                    // Corbado's cloud does not fail the component for a broken action: it falls back to the password.
                    LOG.warnf("pre-login action failed (%s): falling back", failure.getMessage());
                    return fallback(true, identifier, null);
                })
                .map(answer -> Response.ok(answer).build());
    }

    @POST
    @Path("/login/finish")
    @Operation(hidden = true)
    public Response loginFinish(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                                JsonNode body) {
        Fields fields = new Fields(body);
        String assertion = fields.text("assertionResponse", true);
        fields.bool("isConditionalUI", true);
        fields.integer("loadedMs", false);
        return refusal(project, process, fields).orElseGet(() -> refusable(() -> {
            LocalWebAuthn.Asserted asserted = webauthn.finishAssertion(assertion, process);
            String username = asserted.passkey().username();
            String signed = corbado.mintSignedPasskeyData(username, asserted.passkey().credentialId(), process,
                    SIGNED_PASSKEY_DATA_LIFETIME_SECONDS);
            return new Wire.ConnectLoginFinishRsp(operation("verify", asserted.identifier()), signed, signed);
        }));
    }

    @POST
    @Path("/append/start")
    @Operation(hidden = true)
    public Response appendStart(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                                JsonNode body) {
        Fields fields = new Fields(body);
        String tokenValue = fields.text("appendTokenValue", true);
        fields.bool("forcePasskeyAppend", false);
        fields.integer("loadedMs", true);
        Optional<Response> refused = refusal(project, process, fields);
        if (refused.isPresent()) {
            return refused.get();
        }
        // Redeemed only now: a refused request must not use up the single-use token.
        return tokens.redeem(tokenValue, "passkey-append").map(token -> {
            ObjectNode options = webauthn.creationOptions(token.identifier(), token.displayName(), process);
            return Response.ok(new Wire.ConnectAppendStartRsp(publicKey(options), "default", false, false, false)).build();
        }).orElseGet(() -> error(400, "validation_error", "Request validation failed",
                "appendTokenValue is not a passkey-append ConnectToken, or it expired or was used",
                List.of(new CorbadoError.Validation("appendTokenValue", "is not a valid passkey-append ConnectToken"))));
    }

    @POST
    @Path("/append/finish")
    @Operation(hidden = true)
    public Uni<Response> appendFinish(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                                      @HeaderParam("User-Agent") String userAgent, JsonNode body) {
        Fields fields = new Fields(body);
        String attestation = fields.text("attestationResponse", true);
        fields.oneOf("completionType", COMPLETION_TYPES, false);
        Optional<Response> refused = refusal(project, process, fields);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        return Uni.createFrom().item(() -> webauthn.finishRegistration(attestation, process, userAgent))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(registered -> actions.postAppend(registered.passkey().username())
                        .onFailure().invoke(failure -> LOG.warnf("post-append action failed: %s", failure.getMessage()))
                        .onFailure().recoverWithNull()
                        .map(ignored -> Response.ok(new Wire.ConnectAppendFinishRsp(
                                operation("append", registered.passkey().username()))).build()))
                .onFailure(LocalWebAuthn.Refused.class).recoverWithItem(failure -> refused((LocalWebAuthn.Refused) failure));
    }

    @POST
    @Path("/manage/list")
    @Operation(hidden = true)
    public Response manageList(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                               JsonNode body) {
        Fields fields = new Fields(body);
        Optional<LocalConnectTokens.Issued> token = connectToken(fields, "passkey-list");
        return refusal(project, process, fields).orElseGet(() -> {
            String username = token.get().identifier();
            List<Wire.Passkey> passkeys = webauthn.passkeysOf(username).stream().map(FrontendApiResource::passkey).toList();
            return Response.ok(new Wire.ConnectManageListRsp(passkeys, webauthn.rpId(), webauthn.userId(username))).build();
        });
    }

    @POST
    @Path("/manage/delete")
    @Operation(hidden = true)
    public Response manageDelete(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                                 JsonNode body) {
        Fields fields = new Fields(body);
        Optional<LocalConnectTokens.Issued> token = connectToken(fields, "passkey-delete");
        String credentialId = fields.text("credentialID", true);
        return refusal(project, process, fields).orElseGet(() -> webauthn.delete(token.get().identifier(), credentialId)
                .map(deleted -> Response.ok(new Wire.ConnectManageDeleteRsp(deleted.credentialId())).build())
                .orElseGet(() -> error(404, "not_found", "Passkey not found", "this user has no passkey with this id", null)));
    }

    /** Corbado records the components' events for its analytics; here they are accepted and dropped. */
    @POST
    @Path("/events")
    @Operation(hidden = true)
    public Response events(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process, JsonNode body) {
        Fields fields = new Fields(body);
        fields.oneOf("eventType", EVENT_TYPES, true);
        fields.text("message", false);
        fields.text("challenge", false);
        return refusal(project, process, fields).orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("/process/clear")
    @Operation(hidden = true)
    public Response processClear(@HeaderParam(PROJECT) String project, @HeaderParam(PROCESS) String process,
                                 JsonNode body) {
        Fields fields = new Fields(body);
        String processId = fields.text("processId", true);
        return projectRefusal(project).or(() -> validationRefusal(fields)).orElseGet(() -> processes.clear(processId)
                ? Response.ok(new Wire.ConnectProcessClearRsp(processId)).build()
                : error(404, "not_found", "Process not found", "no process was found for this id", null));
    }

    private Response init(String project, String process, JsonNode body, Function<ConnectProcesses.Process, Object> answer) {
        Fields fields = new Fields(body);
        fields.object("clientInformation", true);
        fields.stringMap("flags", true);
        fields.text("invitationToken", false);
        return projectRefusal(project).or(() -> validationRefusal(fields))
                .orElseGet(() -> Response.ok(answer.apply(processes.open(process))).build());
    }

    private Wire.ConnectLoginStartRsp loginStartAnswer(JsonNode action, String identifier, String process) {
        JsonNode error = action.get("error");
        String username = action.path("identifier").asText("");
        if (error == null || error.isNull()) {
            return username.isBlank() ? fallback(true, identifier, null) : webauthn.requestOptions(username, identifier, process)
                    .map(options -> new Wire.ConnectLoginStartRsp(publicKey(options), false,
                            new Wire.FallbackOperationError(false, null, null), null))
                    // The user has no passkey (yet): the component falls back to the password.
                    .orElseGet(() -> fallback(true, identifier, null));
        }
        if (!error.path("return").asBoolean(false)) {
            return fallback(true, identifier, null);
        }
        String code = error.path("code").asText("untyped");
        String text = error.path("payload").isTextual() && !error.path("payload").asText().isEmpty()
                ? error.path("payload").asText() : error.path("message").asText(code);
        // user_not_found keeps the user in the passkey login (the component shows the message); any other code falls back.
        return fallback(!"user_not_found".equals(code), identifier, new Wire.RequestError(code, text));
    }

    /**
     * No ceremony: {@code fallbackOperationError} for web-core 3, and for an error the action returned,
     * {@code error} for web-core 2 (which answers {@code user_not_found} with its "user not found" and any
     * other code with a fallback).
     */
    private static Wire.ConnectLoginStartRsp fallback(boolean initFallback, String identifier, Wire.RequestError error) {
        return new Wire.ConnectLoginStartRsp("", false, new Wire.FallbackOperationError(initFallback, identifier, error), error);
    }

    private Optional<LocalConnectTokens.Issued> connectToken(Fields fields, String type) {
        String value = fields.text("connectToken", true);
        if (value == null) {
            return Optional.empty();
        }
        Optional<LocalConnectTokens.Issued> token = tokens.redeem(value, type);
        if (token.isEmpty()) {
            fields.invalid("connectToken", "is not a " + type + " ConnectToken, or it expired");
        }
        return token;
    }

    /** The project header, the body's fields, then the process header, in the order a client would fix them. */
    private Optional<Response> refusal(String project, String process, Fields fields) {
        return projectRefusal(project).or(() -> validationRefusal(fields)).or(() -> process == null || process.isBlank()
                ? Optional.of(error(400, "validation_error", "Request validation failed",
                "no x-corbado-process-id: call an init operation first",
                List.of(new CorbadoError.Validation(PROCESS, "cannot be blank"))))
                : Optional.empty());
    }

    private Optional<Response> projectRefusal(String project) {
        Optional<Secrets.Loaded> loaded = secrets.current();
        if (loaded.isEmpty()) {
            return Optional.of(error(503, "internal_error", "Project not loaded yet", "the service has not loaded its secrets", null));
        }
        String expected = loaded.get().corbado().projectId();
        return expected.equals(project) ? Optional.empty() : Optional.of(error(400, "project_id_mismatch",
                "Project ID mismatch", "X-Corbado-ProjectID must be this service's Corbado project id (" + expected + ")", null));
    }

    private Optional<Response> validationRefusal(Fields fields) {
        return fields.valid() ? Optional.empty()
                : Optional.of(error(400, "validation_error", "Request validation failed", null, fields.problems()));
    }

    private interface Step {
        Object run();
    }

    private Response refusable(Step step) {
        try {
            return Response.ok(step.run()).build();
        } catch (LocalWebAuthn.Refused e) {
            return refused(e);
        }
    }

    private Response refused(LocalWebAuthn.Refused e) {
        return e.status() == 404
                ? error(404, "not_found", "Passkey not found", e.check() + ": " + e.getMessage(), null)
                : error(400, "validation_error", "Request validation failed", e.check() + ": " + e.getMessage(), null);
    }

    private Response error(int status, String type, String message, String details, List<CorbadoError.Validation> validation) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(corbado.error(status, type, message, details == null ? message : details, validation)).build();
    }

    /** The options as web-core parses them: the JSON string of {@code {"publicKey": …}}. */
    private static String publicKey(ObjectNode options) {
        return options.objectNode().set("publicKey", options).toString();
    }

    private static Wire.PasskeyOperation operation(String type, String identifier) {
        return new Wire.PasskeyOperation(type, identifier, identifier.contains("@") ? "email" : "username", "local");
    }

    private static Wire.Passkey passkey(LocalWebAuthn.PasskeyInfo p) {
        return new Wire.Passkey(p.id(), p.credentialId(), "none", p.transports(), p.backupEligible(), p.backupState(),
                p.aaguid(), p.sourceOS(), p.sourceBrowser(), timestamp(p.lastUsedAt()), timestamp(p.createdAt()), "active",
                new Wire.AaguidDetails("Passkey", KEY_ICON, KEY_ICON), p.createdAt().toEpochMilli(),
                p.lastUsedAt().toEpochMilli(), List.of());
    }

    /** Corbado's yyyy-MM-dd'T'HH:mm:ss, in UTC with its zone, so date-fns reads the same instant everywhere. */
    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static long seconds(ConnectProcesses.Process process) {
        return process.expiresAt().getEpochSecond();
    }

    /**
     * Where later calls go (web-core keeps it with the process): this stand-in as the browser reached it,
     * through the TLS listener (which adds {@code X-Forwarded-Proto: https} and {@code X-Forwarded-Host},
     * see {@link TlsListener}) or directly.
     */
    private static String frontendApiUrl(HttpHeaders headers, UriInfo uri) {
        String host = headers.getHeaderString("Host");
        String base = "https".equals(headers.getHeaderString("X-Forwarded-Proto"))
                ? "https://" + headers.getHeaderString("X-Forwarded-Host")
                : host == null || host.isBlank() ? uri.getBaseUri().toString().replaceAll("/+$", "") : "http://" + host;
        return base + "/local/corbado-frontend";
    }
}
