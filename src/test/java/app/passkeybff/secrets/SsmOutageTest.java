package app.passkeybff.secrets;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Management;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.WireMockResource;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SSM (WireMock in its place, first passing every call on to the emulator's SSM) goes down after the
 * service has loaded its secrets: every refresh fails, and the service keeps the last good values, stays
 * ready and goes on serving what needs them. Refreshes run every 300 ms here (5 min in production).
 */
@QuarkusTest
@TestProfile(SsmOutageTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = SsmOutageTest.KEY))
class SsmOutageTest {

    static final String KEY = "secrets.endpoint";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Each read generously bounded: on a loaded machine a slow read must not look like the outage.
            return Map.of("secrets.refresh-interval", "300ms", "secrets.retry-interval", "300ms", "secrets.timeout", "30s");
        }
    }

    private static JsonPath readiness() {
        return Management.given().when().get("/q/health/ready").then().extract().jsonPath();
    }

    private static String ssmSecrets(JsonPath ready, String field) {
        return ready.getString("checks.find { it.name == 'ssm-secrets' }." + field);
    }

    /** Waits (at most a minute, however slow the machine) for something the service's own timer brings about. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(100);
        }
    }

    @Test
    void keepsTheLastGoodValuesAndStaysReadyWhenSsmGoesDown() throws Exception {
        WireMockServer ssm = WireMockResource.server(KEY);
        ssm.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(LocalAwsResource.aws().endpoint().toString())));
        await("the secrets are loaded", () -> "UP".equals(ssmSecrets(readiness(), "status")));
        String idToken = Tokens.demoIdToken();
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200);

        ssm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        int before = ssm.findAll(anyRequestedFor(anyUrl())).size();
        await("three refreshes have failed", () -> ssm.findAll(anyRequestedFor(anyUrl())).size() >= before + 3
                && ssmSecrets(readiness(), "data.lastError") != null);

        Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'ssm-secrets' }.status", equalTo("UP"));
        assertNotNull(ssmSecrets(readiness(), "data.loadedAt"));
        // The kept values still work: the Corbado credential (the stub checks it) and the actions secret.
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200);
        given().auth().oauth2(LocalAwsResource.seed().actionsSecret()).contentType(ContentType.JSON)
                .body(Map.of("identifier", "nobody@example.com")).when().post("/actions/pre-login")
                .then().statusCode(200).body("error.code", equalTo("user_not_found"));
        assertEquals(200, Management.given().when().get("/q/health/ready").then().extract().statusCode());
    }
}
