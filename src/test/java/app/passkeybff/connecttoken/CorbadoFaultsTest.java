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

import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Corbado misbehaving (WireMock in its place): each fault becomes the documented problem, in time, and
 * nothing Corbado said reaches the problem body. The profile's bounds are short but not tight: a 1 s
 * timeout (production: 2 s) and a 3 s breaker delay, so neither a request's nor the machine's speed
 * decides an outcome.
 */
@QuarkusTest
@TestProfile(CorbadoFaultsTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = "corbado.api-url"))
class CorbadoFaultsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("corbado.timeout", TIMEOUT.toMillis() + "ms", "corbado.breaker-delay", BREAKER_DELAY.toMillis() + "ms");
        }
    }

    private static final String CONNECT_TOKENS = "/v2/connectTokens";
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration BREAKER_DELAY = Duration.ofSeconds(3);
    /**
     * Corbado's delay in the slow faults: past this profile's timeout, short of the 2 s production default,
     * so only the configured bound can turn it into a 504 (with the default, Corbado's answer would arrive).
     */
    private static final int SLOW_MILLIS = 1700;
    /** Words Corbado put in its error answers; none may reach a problem body. */
    private static final String CORBADO_WORDS = "corbado-internal-detail-7f3a";

    @Inject
    CircuitBreakerMaintenance breakers;

    WireMockServer corbado;

    private static boolean warm;

    @BeforeEach
    void reset() {
        corbado = WireMockResource.server("corbado.api-url");
        if (!warm) {
            // A cold first call on a loaded machine can pass the 1 s bound: whichever test runs first would
            // see a 504 instead of the fault it stubs.
            warmUp(Tokens.demoIdToken());
            warm = true;
        }
        corbado.resetAll();
        breakers.resetAll();
    }

    private static ValidatableResponse createToken(String idToken) {
        return given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then();
    }

    /**
     * JWKS fetched, client pool and threads created, a keep-alive connection to Corbado open. A cold
     * first call on a loaded machine can exceed the timeout, so it may take a few tries.
     */
    private void warmUp(String idToken) {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(400)));
        for (int i = 0; i < 10 && createToken(idToken).extract().statusCode() != 502; i++) {
            breakers.resetAll();
        }
        createToken(idToken).statusCode(502);
    }

    private static void assertProblem(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo(code))
                .body(not(containsString(CORBADO_WORDS)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder corbadoError(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"httpStatusCode\":" + status + ",\"message\":\"" + CORBADO_WORDS + "\",\"error\":{\"type\":\""
                        + CORBADO_WORDS + "\",\"details\":\"" + CORBADO_WORDS + "\"}}");
    }

    @Test
    void mapsCorbado500ToUpstreamError() {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(corbadoError(500)));
        assertProblem(createToken(Tokens.demoIdToken()), 502, "upstream_error");
        corbado.verify(1, postRequestedFor(urlEqualTo(CONNECT_TOKENS))
                .withHeader("Authorization", matching("Basic .+"))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    /** What Corbado says in an error answer (message, type, details) stays out of the problem body. */
    @Test
    void keepsCorbadosWordsOutOfTheProblemBody() {
        String idToken = Tokens.demoIdToken();
        for (int status : new int[]{400, 401, 403, 404, 409, 422, 500, 502, 503}) {
            corbado.stubFor(post(CONNECT_TOKENS).willReturn(corbadoError(status)));
            breakers.resetAll();
            String body = createToken(idToken).statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                    .extract().asString();
            assertFalse(body.contains(CORBADO_WORDS), status + ": " + body);
        }
    }

    @Test
    void mapsSlowCorbadoToUpstreamTimeoutAtTheConfiguredBound() {
        String idToken = Tokens.demoIdToken();
        warmUp(idToken);
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withFixedDelay(SLOW_MILLIS).withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"ctks_1\",\"expires\":4102444800}")));
        assertProblem(createToken(idToken), 504, "upstream_timeout");
    }

    @Test
    void mapsSlowDripToUpstreamTimeoutAtTheConfiguredBound() {
        String idToken = Tokens.demoIdToken();
        warmUp(idToken);
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"ctks_1\",\"expires\":4102444800}")
                .withChunkedDribbleDelay(10, SLOW_MILLIS)));
        assertProblem(createToken(idToken), 504, "upstream_timeout");
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

    /**
     * Open for the breaker delay, then one trial call (half-open), closed after two successes. Polled, not
     * slept: the first success may come no sooner than the delay after the call that opened the circuit,
     * and every request before it is answered 503 without reaching Corbado, however slow the machine.
     */
    @Test
    void halfOpensAfterTheDelayAndClosesAfterTwoSuccesses() throws InterruptedException {
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(500)));
        String idToken = Tokens.demoIdToken();
        for (int i = 0; i < 19; i++) {
            createToken(idToken).statusCode(502);
        }
        long openingCall = System.nanoTime();
        createToken(idToken).statusCode(502);
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("corbado"));
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"ctks_1\",\"expires\":4102444800}")));
        int calls = corbado.findAll(postRequestedFor(urlEqualTo(CONNECT_TOKENS))).size();
        int refused = 0;
        long deadline = openingCall + BREAKER_DELAY.plusSeconds(60).toNanos();
        while (true) {
            int status = createToken(idToken).extract().statusCode();
            if (status == 200) {
                break;
            }
            assertEquals(503, status);
            refused++;
            assertTrue(System.nanoTime() < deadline, "the circuit never half-opened");
            Thread.sleep(100);
        }
        assertTrue(System.nanoTime() - openingCall >= BREAKER_DELAY.toNanos(), "half-opened before the breaker delay");
        assertTrue(refused > 0, "no request saw the open circuit");
        assertEquals(calls + 1, corbado.findAll(postRequestedFor(urlEqualTo(CONNECT_TOKENS))).size(),
                "an open circuit calls nobody; the trial call does");
        assertEquals(CircuitBreakerState.HALF_OPEN, breakers.currentState("corbado"));
        createToken(idToken).statusCode(200);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("corbado"));
    }

    @Test
    void leaksNoThreadsOrConnectionsOverAThousandFaultedAndSlowRequests() throws Exception {
        String idToken = Tokens.demoIdToken();
        warmUp(idToken);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        long fdsBefore = openFileDescriptors();
        long upstreamBefore = connectionsTo(corbado.port());
        // The warm-up connection is kept alive: the count sees it, so a leak would show as growth.
        assertTrue(upstreamBefore > 0, "no connection to Corbado seen after warm-up");
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
            // Every fault is answered at once (502): a 504 here would be the service starving for connections
            // or threads, which is what this test is for.
            createToken(idToken).statusCode(502);
        }
        // Slower than the timeout: the service gives up on connections Corbado still holds open.
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        for (int i = 0; i < 12; i++) {
            if (i % 6 == 0) {
                breakers.resetAll();
            }
            int status = createToken(idToken).extract().statusCode();
            assertTrue(status == 503 || status == 504, "status " + status);
        }
        Thread.sleep(3500); // Corbado's delayed answers have all arrived
        // The test client (REST Assured) abandons its sockets to the garbage collector; collect them
        // so the descriptor count shows what the service holds.
        System.gc();
        Thread.sleep(500);
        int threadsAfter = threads.getThreadCount();
        long fdsAfter = openFileDescriptors();
        long upstreamAfter = connectionsTo(corbado.port());
        System.out.printf("1000 faulted requests: threads %d -> %d, open fds %d -> %d, connections to Corbado %d -> %d%n",
                threadsBefore, threadsAfter, fdsBefore, fdsAfter, upstreamBefore, upstreamAfter);
        assertTrue(upstreamAfter <= upstreamBefore + 5, upstreamBefore + " -> " + upstreamAfter + " upstream connections");
        assertTrue(threadsAfter - threadsBefore <= 10, threadsBefore + " -> " + threadsAfter + " threads");
        assertTrue(fdsAfter - fdsBefore <= 25, fdsBefore + " -> " + fdsAfter + " file descriptors");
    }

    /**
     * ESTABLISHED TCP connections to a loopback port (state 01), client side only (remote address),
     * over IPv4 and IPv6: the JVM's sockets are dual-stack and show up in {@code tcp6}.
     */
    static long connectionsTo(int port) throws java.io.IOException {
        String hexPort = String.format(":%04X", port);
        long count = 0;
        for (String table : new String[]{"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
            try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of(table))) {
                count += lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(f -> f[2].endsWith(hexPort) && f[3].equals("01")).count();
            }
        }
        return count;
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
