package app.passkeybff.ratelimit;

import app.passkeybff.local.LocalCorbado;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per Cognito user, across {@code /connect-tokens} and {@code /passkey-append-complete}: each call costs a
 * Corbado ConnectToken or a Cognito AdminGetUser (a quota the pre-login webhook shares), so one user, or
 * one stolen ID token, gets {@code RATE_LIMIT_USER_PER_MINUTE} of them (3 here), then 429 with
 * {@code Retry-After}, and nothing reaches Corbado; another user is unaffected. Each test signs in users
 * of its own, so the tests share no bucket.
 */
@QuarkusTest
@TestProfile(UserRateLimitTest.Profile.class)
class UserRateLimitTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rate-limit.enabled", "true", "rate-limit.user-per-minute", "3",
                    "rate-limit.trusted-proxies", "127.0.0.0/8, ::1/128");
        }
    }

    @Inject
    LocalCorbado corbado;

    private static String idTokenOfNewUser(String prefix) {
        String email = Users.uniqueEmail(prefix);
        Users.confirmedUser(email);
        return Tokens.signIn(email, Users.PASSWORD).idToken();
    }

    private static ValidatableResponse passkeyList(String idToken, String client) {
        return given().auth().oauth2(idToken).header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"type\":\"passkey-list\"}").when().post("/connect-tokens").then();
    }

    private static ValidatableResponse skipAppend(String idToken) {
        return given().auth().oauth2(idToken).contentType(ContentType.JSON)
                .body("{\"appendStatus\":\"skip-explicit\"}").when().post("/passkey-append-complete").then();
    }

    @Test
    void limitsEachUserAcrossBothEndpointsWithRetryAfter() {
        String idToken = idTokenOfNewUser("user-limit");
        passkeyList(idToken, "198.51.100.31").statusCode(200);
        skipAppend(idToken).statusCode(200);
        passkeyList(idToken, "198.51.100.32").statusCode(200);
        long corbadoCalls = corbado.connectTokenCallCount();
        // A fresh address does not help: the bucket is the user's.
        String retryAfter = passkeyList(idToken, "198.51.100.33").statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("rate_limited"))
                .extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1 && Integer.parseInt(retryAfter) <= 20, retryAfter);
        skipAppend(idToken).statusCode(429).body("code", equalTo("rate_limited"));
        assertEquals(corbadoCalls, corbado.connectTokenCallCount(), "a limited call reached Corbado");
    }

    @Test
    void leavesAnotherUserUnaffected() {
        String spent = idTokenOfNewUser("user-limit-spent");
        for (int i = 0; i < 3; i++) {
            passkeyList(spent, "198.51.100.34").statusCode(200);
        }
        passkeyList(spent, "198.51.100.34").statusCode(429);
        // Same address, another user: a bucket of its own.
        passkeyList(idTokenOfNewUser("user-limit-other"), "198.51.100.34").statusCode(200);
    }

    @Test
    void spendsNothingForARequestWithoutAValidToken() {
        // The user is known only after the ID token is verified: refused tokens are 401, never 429.
        for (int i = 0; i < 5; i++) {
            passkeyList("not-a-token", "198.51.100.35").statusCode(401).body("code", equalTo("invalid_token"));
        }
    }
}
