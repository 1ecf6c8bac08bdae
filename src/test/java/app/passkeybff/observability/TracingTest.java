package app.passkeybff.observability;

import app.passkeybff.local.LocalAws;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.RequestLogRecords;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import app.passkeybff.support.WireMockResource;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracing switched on the way an operator does it (an OTLP endpoint configured), with the spans going
 * to an in-memory exporter (a test-only CDI bean, {@code support.InMemorySpans}) instead of OTLP, and
 * WireMock playing Corbado so the {@code traceparent} it receives can be read: a span per request,
 * a child span per Cognito and Corbado call with its outcome, W3C trace context sent to Corbado and not
 * taken from clients, trace and span ids beside the request id in the log, and no token, secret,
 * signedPasskeyData, email or cookie anywhere in any span.
 */
@QuarkusTest
@TestProfile(TracingTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = "corbado.api-url"))
class TracingTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens there: the in-memory exporter bean takes the place of OTLP.
            return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:4317",
                    "quarkus.otel.bsp.schedule.delay", "100ms");
        }
    }

    private static final String CONNECT_TOKENS = "/v2/connectTokens";
    private static final String VERIFY = "/v2/passkey/verifySignedData";
    private static final String CORBADO_TOKEN_SECRET = "ctks_trace-secret-4711";

    @Inject
    InMemorySpanExporter spans;

    WireMockServer corbado;

    @BeforeEach
    void reset() {
        corbado = WireMockResource.server("corbado.api-url");
        corbado.resetAll();
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"" + CORBADO_TOKEN_SECRET + "\",\"expires\":4102444800}")));
        corbado.stubFor(post(VERIFY).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"verificationResult\":\"success\"}")));
        spans.reset();
    }

    /** The spans of the trace whose server span is {@code name} and that has at least {@code atLeast} spans. */
    private List<SpanData> trace(String name, String requestId, int atLeast) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60)); // a bound on waiting, not a measurement
        while (Instant.now().isBefore(deadline)) {
            List<SpanData> finished = spans.getFinishedSpanItems();
            Optional<SpanData> server = finished.stream().filter(span -> span.getKind() == SpanKind.SERVER
                    && span.getName().equals(name)
                    && requestId.equals(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("request.id"))))
                    .findFirst();
            if (server.isPresent()) {
                List<SpanData> trace = finished.stream().filter(span -> span.getTraceId().equals(server.get().getTraceId())).toList();
                if (trace.size() >= atLeast) {
                    return trace;
                }
            }
            sleep();
        }
        throw new AssertionError("no trace of " + name + " (" + requestId + ") with " + atLeast + " spans: " + spans.getFinishedSpanItems());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SpanData named(List<SpanData> trace, String name) {
        return trace.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + trace));
    }

    private static SpanData server(List<SpanData> trace) {
        return trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    }

    /** Whether {@code span} descends from {@code ancestor} in this trace. */
    private static boolean descendsFrom(SpanData span, SpanData ancestor, List<SpanData> trace) {
        String parent = span.getParentSpanId();
        while (parent != null && !parent.equals(ancestor.getSpanId())) {
            String current = parent;
            parent = trace.stream().filter(s -> s.getSpanId().equals(current)).map(SpanData::getParentSpanId).findFirst().orElse(null);
        }
        return parent != null;
    }

    private static void assertUpstreamSpan(SpanData span, String upstream, String operation, String outcome, String outcomeClass) {
        assertEquals(SpanKind.CLIENT, span.getKind(), span.toString());
        assertEquals(upstream, span.getAttributes().get(UpstreamSpans.UPSTREAM));
        assertEquals(operation, span.getAttributes().get(UpstreamSpans.OPERATION));
        assertEquals(outcome, span.getAttributes().get(UpstreamSpans.OUTCOME));
        assertEquals(outcomeClass, span.getAttributes().get(UpstreamSpans.OUTCOME_CLASS));
        assertEquals(0L, span.getAttributes().get(UpstreamSpans.RETRIES));
    }

    @Test
    void isSwitchedOnByTheOtlpEndpoint() {
        assertEquals(Boolean.FALSE, ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class));
    }

    @Test
    void passkeyLoginIsOneTraceWithASpanPerCognitoCall() {
        String data = Users.signedPasskeyData(Users.confirmedUser(Users.uniqueEmail("trace-login")));
        given().header("X-Request-Id", "trace-login-1").contentType(ContentType.JSON).body(Map.of("signedPasskeyData", data))
                .when().post("/passkey-login").then().statusCode(200);

        List<SpanData> trace = trace("POST /passkey-login", "trace-login-1", 3);
        SpanData server = server(trace);
        assertFalse(server.getParentSpanContext().isValid(), "the request span is the root");
        for (String operation : List.of("InitiateAuth", "RespondToAuthChallenge")) {
            SpanData call = named(trace, "cognito " + operation);
            assertUpstreamSpan(call, "cognito", operation, "success", "success");
            assertTrue(descendsFrom(call, server, trace), operation + " is not under the request span: " + trace);
        }
    }

    @Test
    void failingCallsCarryTheirOutcomeAndAnErrorStatus() {
        String user = Users.confirmedUser(Users.uniqueEmail("trace-refused"));
        corbado.stubFor(post(VERIFY).withRequestBody(matchingJsonPath("$.username", equalTo(user)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"verificationResult\":\"invalid_signature\"}")));
        given().header("X-Request-Id", "trace-refused-1").contentType(ContentType.JSON)
                .body(Map.of("signedPasskeyData", Users.signedPasskeyData(user)))
                .when().post("/passkey-login").then().statusCode(401);
        List<SpanData> refused = trace("POST /passkey-login", "trace-refused-1", 3);
        assertEquals(401L, server(refused).getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code")));
        // Cognito answered (with a new challenge instead of tokens): the call itself succeeded.
        assertUpstreamSpan(named(refused, "cognito RespondToAuthChallenge"), "cognito", "RespondToAuthChallenge", "success", "success");

        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(500)));
        given().header("X-Request-Id", "trace-corbado-500").auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON)
                .body("{\"type\":\"passkey-list\"}").when().post("/connect-tokens").then().statusCode(502);
        SpanData call = named(trace("POST /connect-tokens", "trace-corbado-500", 2), "corbado createConnectToken");
        assertUpstreamSpan(call, "corbado", "createConnectToken", "upstream_error", "error");
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
    }

    @Test
    void sendsTraceContextToCorbadoButTakesNoneFromClients() {
        String clientTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("X-Request-Id", "trace-corbado-1").header("traceparent", "00-" + clientTraceId + "-00f067aa0ba902b7-01")
                .auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200);
        List<SpanData> trace = trace("POST /connect-tokens", "trace-corbado-1", 2);
        SpanData server = server(trace);
        assertNotEquals(clientTraceId, server.getTraceId(), "a client chose the trace id");
        assertFalse(server.getParentSpanContext().isValid(), "a client's traceparent became the parent");
        SpanData call = named(trace, "corbado createConnectToken");
        assertUpstreamSpan(call, "corbado", "createConnectToken", "success", "success");
        assertTrue(descendsFrom(call, server, trace));

        List<LoggedRequest> sent = corbado.findAll(postRequestedFor(urlEqualTo(CONNECT_TOKENS)));
        assertEquals(1, sent.size());
        String traceparent = sent.get(0).getHeader("traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-" + server.getTraceId() + "-[0-9a-f]{16}-01"),
                "traceparent to Corbado: " + traceparent + ", trace " + server.getTraceId());
        String parent = traceparent.split("-")[2];
        SpanData sentFrom = trace.stream().filter(span -> span.getSpanId().equals(parent)).findFirst()
                .orElseThrow(() -> new AssertionError("traceparent names no span of the trace: " + traceparent));
        assertEquals(call.getSpanId(), sentFrom.getSpanId(), "traceparent names " + sentFrom.getName() + ", not the Corbado call's span");
    }

    @Test
    void logLinesCarryTraceAndSpanIdsBesideTheRequestId() {
        List<ExtLogRecord> records;
        try (RequestLogRecords log = RequestLogRecords.install("trace-log-1")) {
            given().header("X-Request-Id", "trace-log-1").auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON)
                    .body("{\"type\":\"passkey-list\"}").when().post("/connect-tokens").then().statusCode(200);
            records = log.records();
        }
        String traceId = server(trace("POST /connect-tokens", "trace-log-1", 2)).getTraceId();
        assertFalse(records.isEmpty(), "no log line with the request id");
        for (ExtLogRecord record : records) {
            assertEquals(traceId, record.getMdc("traceId"), record.getLoggerName() + ": " + record.getMessage());
            assertTrue(String.valueOf(record.getMdc("spanId")).matches("[0-9a-f]{16}"), record.getLoggerName());
        }
        assertTrue(records.stream().anyMatch(r -> r.getLoggerName().equals("passkey-bff.access")), "the access line");
    }

    @Test
    void noTokenSecretPasskeyDataEmailOrCookieInAnySpan() {
        LocalAws.Seed seed = LocalAwsResource.seed();
        String email = Users.uniqueEmail("trace-secrets");
        String data = Users.signedPasskeyData(Users.confirmedUser(email));
        String clientState = "client-state-value-8815";
        Response login = given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", data, "clientState", clientState))
                .when().post("/passkey-login");
        login.then().statusCode(200);
        // A failing login: Corbado now calls the same data a replay.
        corbado.stubFor(post(VERIFY).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"verificationResult\":\"invalid_challenge\"}")));
        given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", data)).when().post("/passkey-login")
                .then().statusCode(401);
        String idToken = Tokens.demoIdToken();
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200);
        given().cookie("__Host-cbo_client_state", clientState).when().get("/client-state").then().statusCode(200);
        given().header("X-Request-Id", "trace-secrets-last").header("Authorization", "Bearer " + seed.actionsSecret())
                .contentType(ContentType.JSON).body(Map.of("identifier", email)).when().post("/actions/pre-login")
                .then().statusCode(200);

        trace("POST /actions/pre-login", "trace-secrets-last", 2); // the last request's spans are exported: all are
        List<SpanData> all = spans.getFinishedSpanItems();
        String dump = all.toString();
        Map<String, String> secrets = Map.of(
                "signedPasskeyData", data,
                "ID token", idToken,
                "login ID token", login.path("idToken"),
                "access token", login.path("accessToken"),
                "refresh token", login.path("refreshToken"),
                "email", email,
                "email, URL-encoded", URLEncoder.encode(email, StandardCharsets.UTF_8),
                "client-state cookie", clientState,
                "Corbado API secret", seed.corbadoApiSecret(),
                "actions secret", seed.actionsSecret());
        List<String> leaked = new ArrayList<>();
        secrets.forEach((what, value) -> {
            if (dump.contains(value)) {
                leaked.add(what);
            }
        });
        String basic = Base64.getEncoder().encodeToString((seed.corbadoProjectId() + ":" + seed.corbadoApiSecret())
                .getBytes(StandardCharsets.UTF_8));
        if (dump.contains(basic)) {
            leaked.add("Corbado Basic credentials");
        }
        if (dump.contains(CORBADO_TOKEN_SECRET)) {
            leaked.add("ConnectToken secret");
        }
        assertEquals(List.of(), leaked, "in the spans: " + dump);
        assertTrue(all.size() >= 8, "spans of the five requests: " + all.size());
    }
}
