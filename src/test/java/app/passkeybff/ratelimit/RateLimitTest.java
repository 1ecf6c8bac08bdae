package app.passkeybff.ratelimit;

import app.passkeybff.support.Metrics;
import app.passkeybff.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-client limits on passkey login and the webhooks, with the loopback peer as trusted proxy. */
@QuarkusTest
@TestProfile(RateLimitTest.Profile.class)
class RateLimitTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rate-limit.enabled", "true", "rate-limit.login-per-minute", "5",
                    "rate-limit.actions-per-minute", "3",
                    // Loopback as ranges, as an operator lists an ingress subnet: IPv4 and IPv6 CIDR both work.
                    "rate-limit.trusted-proxies", "127.0.0.0/8, ::1/128");
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
    void countsAllowedAndRejectedDecisionsPerLimiter() {
        String before = Metrics.scrape();
        for (int i = 0; i < 6; i++) {
            login("198.51.100.40");
        }
        String after = Metrics.scrape();
        String name = "passkey_bff_rate_limit_decisions_total";
        assertEquals(5, Metrics.value(after, name, "limiter=\"login\"", "decision=\"allowed\"")
                - Metrics.value(before, name, "limiter=\"login\"", "decision=\"allowed\""));
        assertEquals(1, Metrics.value(after, name, "limiter=\"login\"", "decision=\"rejected\"")
                - Metrics.value(before, name, "limiter=\"login\"", "decision=\"rejected\""));
        for (String limiter : new String[]{"actions", "actions_unauthenticated"}) {
            assertTrue(Metrics.exposes(after, name, "limiter=\"" + limiter + "\"", "decision=\"rejected\""), limiter);
        }
        assertTrue(Metrics.value(after, "passkey_bff_rate_limit_clients", "limiter=\"login\"") >= 1);
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
    void readsEveryForwardedForHeaderLine() {
        for (int i = 0; i < 5; i++) {
            login("198.51.100.7").statusCode(400);
        }
        // Two header lines are one list (RFC 9110 5.3); a proxy that adds its own line after the client's
        // puts the real address last, so the client's forged first line must not pick the bucket.
        given().header("X-Forwarded-For", "203.0.113.77").header("X-Forwarded-For", "198.51.100.7")
                .contentType(ContentType.JSON).body("{}")
                .when().post("/passkey-login").then().statusCode(429);
    }

    @Test
    void limitsEverySpellingOfTheLoginRoute() throws IOException {
        String client = "198.51.100.6";
        for (int i = 0; i < 5; i++) {
            login(client).statusCode(400);
        }
        // The router serves all of these from the login resource: none may be a way around the limit.
        // Raw requests, because HTTP clients tidy such paths before sending them.
        for (String path : new String[]{"/passkey-login/", "/passkey-login//", "//passkey-login", "/passkey-login;x=1",
                "/./passkey-login", "/passkey-%6Cogin"}) {
            int status = rawPost(path, client);
            assertTrue(status == 429 || status == 404, path + " answered " + status);
        }
    }

    private static int rawPost(String path, String client) throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            connection.send(RawHttp.request("POST", path, Map.of("X-Forwarded-For", client,
                    "Content-Type", "application/json"), 2), "{}".getBytes(StandardCharsets.US_ASCII));
            return connection.read(path).status();
        }
    }

    @Test
    void wrongSecretGuessesNeverLockOutTheSecretHolder() {
        String secret = app.passkeybff.support.LocalAwsResource.seed().actionsSecret();
        String stranger = "198.51.100.4";
        for (int i = 0; i < 3; i++) {
            preLogin(stranger, "wrong-secret").statusCode(401);
        }
        preLogin(stranger, "wrong-secret").statusCode(429).header("Retry-After", not(equalTo("0")));
        // Far past the bucket, and from the very address Corbado calls from: the right secret still passes.
        for (int i = 0; i < 650; i++) {
            preLogin("198.51.100.9", "wrong-" + i).statusCode(anyOf(equalTo(401), equalTo(429)));
        }
        preLogin("198.51.100.9", secret).statusCode(200);
        preLogin(stranger, secret).statusCode(200);
        // The secret holder has one bucket of its own, whatever address it calls from.
        int passed = 0;
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            int status = preLogin("198.51.100." + (20 + i), secret).extract().statusCode();
            passed += status == 200 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        assertTrue(passed <= 1 && limited >= 5, passed + " passed, " + limited + " limited");
    }

    private static ValidatableResponse preLogin(String client, String secret) {
        return given().header("X-Forwarded-For", client).auth().oauth2(secret).contentType(ContentType.JSON)
                .body(Map.of("identifier", "nobody@example.com")).when().post("/actions/pre-login").then();
    }

    @Test
    void leavesOtherEndpointsAlone() {
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", "198.51.100.5").when().get("/client-state").then().statusCode(200);
        }
    }
}
