package app.passkeybff.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-client limits on passkey login and the webhooks, with the loopback peer as trusted proxy. */
@QuarkusTest
@TestProfile(RateLimitTest.Profile.class)
class RateLimitTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rate-limit.enabled", "true", "rate-limit.login-per-minute", "5",
                    "rate-limit.actions-per-minute", "3", "rate-limit.trusted-proxies", "127.0.0.1");
        }
    }

    private static ValidatableResponse login(String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON).body("{}")
                .when().post("/passkey-login").then();
    }

    @Test
    void limitsPasskeyLoginPerClientWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            login("198.51.100.1").statusCode(400);
        }
        String retryAfter = login("198.51.100.1").statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("rate_limited")).extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1 && Integer.parseInt(retryAfter) <= 12, retryAfter);
        login("198.51.100.2").statusCode(400);
    }

    @Test
    void takesTheRightmostUntrustedForwardedAddress() {
        for (int i = 0; i < 5; i++) {
            login("10.9.9.9, 198.51.100.3").statusCode(400);
        }
        // A client cannot pick a fresh bucket by prepending addresses: the proxy appended the real one.
        login("203.0.113.99, 198.51.100.3").statusCode(429);
    }

    @Test
    void limitsActionWebhooksBeforeCheckingTheSecret() {
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "198.51.100.4").contentType(ContentType.JSON).body(Map.of("identifier", "a"))
                    .when().post("/actions/pre-login").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "198.51.100.4").contentType(ContentType.JSON).body(Map.of("identifier", "a"))
                .when().post("/actions/pre-login").then().statusCode(429).header("Retry-After", not(equalTo("0")));
    }

    @Test
    void leavesOtherEndpointsAlone() {
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", "198.51.100.5").when().get("/client-state").then().statusCode(200);
        }
    }
}
