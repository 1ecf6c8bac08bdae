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
            return Map.of("corbado.timeout", "500ms");
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
        createToken(idToken).statusCode(502); // warm: JWKS fetched, connection pool open
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withFixedDelay(3000).withStatus(200)));
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
