package app.passkeybff.connecttoken;

import app.passkeybff.support.Tokens;
import app.passkeybff.support.WireMockResource;
import io.quarkus.test.common.ResourceArg;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corbado misbehaving (WireMock in its place): each fault becomes the documented problem, in time. */
@QuarkusTest
@TestProfile(CorbadoFaultsTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = "corbado.api-url"))
class CorbadoFaultsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("corbado.timeout", "500ms", "corbado.breaker-delay", "500ms");
        }
    }

    private static final String CONNECT_TOKENS = "/v2/connectTokens";

    @Inject
    CircuitBreakerMaintenance breakers;

    WireMockServer corbado;

    @BeforeEach
    void reset() {
        corbado = WireMockResource.server("corbado.api-url");
        corbado.resetAll();
        breakers.resetAll();
    }

    private static ValidatableResponse createToken(String idToken) {
        return given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then();
    }

    private static void assertProblem(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo(code));
    }

    @Test
    void mapsCorbado500ToUpstreamError() {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"httpStatusCode\":500,\"message\":\"internal\",\"error\":{\"type\":\"internal_error\"}}")));
        assertProblem(createToken(Tokens.demoIdToken()), 502, "upstream_error");
        corbado.verify(1, postRequestedFor(urlEqualTo(CONNECT_TOKENS))
                .withHeader("Authorization", matching("Basic .+"))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void mapsSlowCorbadoToUpstreamTimeoutWithinTheTimeout() {
        String idToken = Tokens.demoIdToken();
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(400)));
        // Warm up (JWKS fetched, REST client built, connection pool open): on a loaded machine the very
        // first call alone can take longer than the 500 ms bound, so warm until one answers in time.
        for (int i = 0; i < 5 && createToken(idToken).extract().statusCode() != 502; i++) {
            breakers.resetAll();
        }
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withFixedDelay(10_000).withStatus(200)));
        long start = System.nanoTime();
        assertProblem(createToken(idToken), 504, "upstream_timeout");
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Far under Corbado's 10 s answer: the 500 ms bound cut it (the slack is for a loaded test machine,
        // where the client side alone has been seen to take 2 s around a 540 ms answer).
        assertTrue(millis < 5000, "answered after " + millis + " ms, timeout is 500 ms");
    }

    @Test
    void mapsSlowDripToUpstreamTimeoutWithinTheTimeout() {
        String idToken = Tokens.demoIdToken();
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"ctks_1\",\"expires\":4102444800}")
                .withChunkedDribbleDelay(10, 3000)));
        long start = System.nanoTime();
        assertProblem(createToken(idToken), 504, "upstream_timeout");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "answered after " + millis + " ms, timeout is 500 ms");
    }

    @Test
    void mapsConnectionResetToUpstreamError() {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertProblem(createToken(Tokens.demoIdToken()), 502, "upstream_error");
    }

    @Test
    void mapsMalformedJsonToUpstreamError() {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"secret\": ")));
        assertProblem(createToken(Tokens.demoIdToken()), 502, "upstream_error");
    }

    @Test
    void mapsTokenWithoutSecretToUpstreamError() {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"ctk-1\"}")));
        assertProblem(createToken(Tokens.demoIdToken()), 502, "upstream_error");
    }

    @Test
    void mapsCorbadoThrottlingToRateLimitedWithRetryAfter() {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        assertProblem(createToken(Tokens.demoIdToken()).header("Retry-After", "7"), 429, "rate_limited");
    }

    @Test
    void opensCircuitAfterRepeatedFailuresAndStopsCallingCorbado() {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(503)));
        String idToken = Tokens.demoIdToken();
        for (int i = 0; i < 20; i++) {
            assertProblem(createToken(idToken), 502, "upstream_error");
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("corbado"));
        assertProblem(createToken(idToken).header("Retry-After", "5"), 503, "upstream_unavailable");
        corbado.verify(20, postRequestedFor(urlEqualTo(CONNECT_TOKENS)));
    }

    @Test
    void halfOpensAfterTheDelayAndClosesAfterTwoSuccesses() throws InterruptedException {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(500)));
        String idToken = Tokens.demoIdToken();
        for (int i = 0; i < 20; i++) {
            createToken(idToken).statusCode(502);
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("corbado"));
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"ctks_1\",\"expires\":4102444800}")));
        createToken(idToken).statusCode(503);
        Thread.sleep(700);
        createToken(idToken).statusCode(200);
        assertEquals(CircuitBreakerState.HALF_OPEN, breakers.currentState("corbado"));
        createToken(idToken).statusCode(200);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("corbado"));
    }

    @Test
    void leaksNoThreadsOrConnectionsOverAThousandFaultedRequests() throws Exception {
        String idToken = Tokens.demoIdToken();
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(400)));
        createToken(idToken).statusCode(502); // warm: client pool and threads exist before measuring
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        long fdsBefore = openFileDescriptors();
        long upstreamBefore = connectionsTo(corbado.port());
        var faults = new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder[]{
                aResponse().withStatus(500), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"secret\":"),
                aResponse().withFault(Fault.EMPTY_RESPONSE)};
        for (int i = 0; i < 1000; i++) {
            if (i % 100 == 0) {
                corbado.stubFor(post(CONNECT_TOKENS).willReturn(faults[(i / 100) % faults.length]));
            }
            if (i % 15 == 0) {
                breakers.resetAll(); // keep the faults reaching Corbado instead of failing fast
            }
            int status = createToken(idToken).extract().statusCode();
            assertTrue(status == 502 || status == 503 || status == 504, "status " + status);
        }
        Thread.sleep(1500);
        // The test client (REST Assured) abandons its sockets to the garbage collector; collect them
        // so the descriptor count shows what the service holds.
        System.gc();
        Thread.sleep(500);
        int threadsAfter = threads.getThreadCount();
        long fdsAfter = openFileDescriptors();
        long upstreamAfter = connectionsTo(corbado.port());
        System.out.printf("1000 faulted requests: threads %d -> %d, open fds %d -> %d, connections to Corbado %d -> %d%n",
                threadsBefore, threadsAfter, fdsBefore, fdsAfter, upstreamBefore, upstreamAfter);
        assertTrue(threadsAfter - threadsBefore <= 10, threadsBefore + " -> " + threadsAfter + " threads");
        assertTrue(fdsAfter - fdsBefore <= 25, fdsBefore + " -> " + fdsAfter + " file descriptors");
        assertTrue(upstreamAfter <= upstreamBefore + 5, upstreamBefore + " -> " + upstreamAfter + " upstream connections");
    }

    /** ESTABLISHED TCP connections from this process to a loopback port (/proc/net/tcp, state 01). */
    private static long connectionsTo(int port) throws java.io.IOException {
        String hexPort = String.format(":%04X", port);
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/self/net/tcp"))) {
            return lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                    .filter(f -> f[2].endsWith(hexPort) && f[3].equals("01")).count();
        }
    }

    private static long openFileDescriptors() throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void keepsCircuitClosedWhenCorbadoRejectsRequests() {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"httpStatusCode\":400}")));
        String idToken = Tokens.demoIdToken();
        for (int i = 0; i < 25; i++) {
            assertProblem(createToken(idToken), 502, "upstream_error");
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("corbado"));
    }
}
