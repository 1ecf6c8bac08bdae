package app.passkeybff.secrets;

import app.passkeybff.support.Management;
import app.passkeybff.local.LocalAws;
import app.passkeybff.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/** Nothing listens where SSM should be: the service starts, is not ready, and answers 503 where it needs secrets. */
@QuarkusTest
@TestProfile(SsmUnreachableTest.Profile.class)
class SsmUnreachableTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("secrets.endpoint", "http://127.0.0.1:" + LocalAws.freePort());
        }
    }

    @Test
    void staysAliveButNotReadyAndAnswers503() {
        Management.given().when().get("/q/health/live").then().statusCode(200);
        Management.given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'ssm-secrets' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'ssm-secrets' }.data.lastError", not(emptyOrNullString()))
                .body("checks.find { it.name == 'cognito-jwks' }.status", equalTo("UP"));
        given().auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens")
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("upstream_unavailable")).header("Retry-After", "5");
        given().header("Authorization", "Bearer whatever").contentType(ContentType.JSON)
                .body(Map.of("identifier", "a@example.com")).when().post("/actions/pre-login")
                .then().statusCode(503).body("code", equalTo("upstream_unavailable"));
    }
}
