package app.passkeybff.secrets;

import app.passkeybff.support.Management;
import app.passkeybff.support.Metrics;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.LogCapture;
import app.passkeybff.support.MovableClock;
import app.passkeybff.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Corbado API secret parameter does not exist in SSM when the service starts. Time is the test's
 * ({@link MovableClock}) and the scheduled retry is an hour away, so every SSM load counted here is one a
 * request caused, however slow the machine.
 */
@QuarkusTest
@TestProfile(MissingSecretTest.Profile.class)
class MissingSecretTest {

    static final String MISSING = "/passkey-bff/not-created";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A generous bound on each SSM read: on a loaded machine a timed-out start-up load would report a
            // timeout instead of the missing parameter, and the retry is an hour away.
            return Map.of("secrets.parameters.corbado-api-secret", MISSING, "secrets.retry-interval", "1h",
                    "secrets.timeout", "60s");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }
    }

    @Test
    void reportsSecretsNotLoadedInMetrics() {
        String scrape = Metrics.scrape();
        assertEquals(0, Metrics.value(scrape, "passkey_bff_secrets_loaded"));
        assertTrue(Metrics.value(scrape, "passkey_bff_secrets_loads_total", "outcome=\"failure\"") >= 1);
        assertEquals(0, Metrics.value(scrape, "passkey_bff_secrets_loads_total", "outcome=\"success\""));
    }

    @Test
    void reportsNotReadyAndAnswers503WithoutLeakingSecrets() throws InterruptedException {
        try (LogCapture log = LogCapture.install()) {
            // The start-up load runs beside the first test: wait for its failure to be reported.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (Management.given().when().get("/q/health/ready").then().extract().asString().indexOf(MISSING) < 0) {
                assertTrue(System.nanoTime() < deadline, "the start-up load never reported the missing parameter");
                Thread.sleep(100);
            }
            Management.given().when().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.name", hasItem("ssm-secrets"))
                    .body("checks.find { it.name == 'ssm-secrets' }.data.lastError", containsString(MISSING));

            String idToken = Tokens.demoIdToken();
            given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                    .when().post("/connect-tokens")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("upstream_unavailable"))
                    .body("detail", equalTo("Service secrets are not loaded yet."));

            Management.given().when().get("/q/health/live").then().statusCode(200);

            // Requests while SSM cannot help fail fast for a second instead of each asking SSM again.
            int failedLoadsBefore = log.linesContaining("Secrets could not be loaded").size();
            for (int i = 0; i < 30; i++) {
                given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                        .when().post("/connect-tokens").then().statusCode(503);
            }
            assertEquals(0, log.linesContaining("Secrets could not be loaded").size() - failedLoadsBefore,
                    "SSM loads for 30 requests within a second of the failed load");
            MovableClock.advance(Duration.ofSeconds(1));
            given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                    .when().post("/connect-tokens").then().statusCode(503);
            assertEquals(1, log.linesContaining("Secrets could not be loaded").size() - failedLoadsBefore,
                    "a second on, the next request tries SSM again");

            var seed = LocalAwsResource.seed();
            assertTrue(log.lines().stream().anyMatch(line -> line.contains(MISSING)), "the missing name is logged");
            assertEquals(java.util.List.of(), log.linesContaining(seed.corbadoApiSecret(), seed.actionsSecret()));
        }
    }
}
