package app.passkeybff.auth;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the service trusts follows what its sources say now: a key removed from the pool's JWKS stops
 * verifying ID tokens within {@code auth.jwks-max-age} (5 min in production, 2 s here, so the test
 * measures the mechanism, not the clock), and a rotated webhook secret is picked up even when SSM holds
 * it with a trailing newline. Own profile: both rotate state that other tests share.
 */
@QuarkusTest
@TestProfile(CredentialRotationTest.Profile.class)
class CredentialRotationTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.jwks-max-age", "2s", "secrets.refresh-interval", "1s");
        }
    }

    private static final Duration BOUND = Duration.ofSeconds(20);

    private static int connectTokens(String idToken) {
        return given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().extract().statusCode();
    }

    /** Polls until the status is the expected one; the time it took, or fails past the bound. */
    private static Duration until(int expected, IntSupplier status) throws InterruptedException {
        long start = System.nanoTime();
        int last = -1;
        while (System.nanoTime() - start < BOUND.toNanos()) {
            last = status.getAsInt();
            if (last == expected) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("still " + last + " instead of " + expected + " after " + BOUND.toSeconds() + " s");
    }

    private static void rotatePoolSigningKey() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(LocalAwsResource.aws().endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.LocalRotateSigningKey")
                .POST(HttpRequest.BodyPublishers.ofString("{\"UserPoolId\":\"" + LocalAwsResource.seed().userPoolId() + "\"}"))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    @Test
    void removedJwksKeyStopsBeingTrustedWithinTheKeySetMaxAge() throws Exception {
        String before = Tokens.demoIdToken();
        assertEquals(200, connectTokens(before)); // verified, key set cached, token cached

        rotatePoolSigningKey(); // the old key is gone from the JWKS; new tokens use the new one
        Duration untrusted = until(401, () -> connectTokens(before));
        String after = Tokens.demoIdToken();
        until(200, () -> connectTokens(after));
        // 2 s key-set age plus polling and load; without the bound the old key was trusted for an hour.
        assertTrue(untrusted.compareTo(BOUND) < 0, untrusted.toString());
    }

    @Test
    void webhookSecretWithTrailingNewlineInSsmMatches() throws Exception {
        String secret = "rotated-" + UUID.randomUUID();
        try (SsmClient ssm = LocalAwsResource.aws().ssm()) {
            ssm.putParameter(b -> b.name("/passkey-bff/actions-secret").value(secret + "\n")
                    .type(ParameterType.SECURE_STRING).overwrite(true));
        }
        until(200, () -> given().auth().oauth2(secret).contentType(ContentType.JSON)
                .body(Map.of("identifier", "nobody@example.com")).when().post("/actions/pre-login")
                .then().extract().statusCode());
        given().auth().oauth2(secret + "x").contentType(ContentType.JSON).body(Map.of("identifier", "nobody@example.com"))
                .when().post("/actions/pre-login").then().statusCode(401);
    }
}
