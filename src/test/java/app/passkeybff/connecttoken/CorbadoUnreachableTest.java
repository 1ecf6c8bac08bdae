package app.passkeybff.connecttoken;

import app.passkeybff.local.LocalAws;
import app.passkeybff.support.Emulator;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Nothing listens where Corbado (Backend API and Frontend API key set) should be. */
@QuarkusTest
@TestProfile(CorbadoUnreachableTest.Profile.class)
class CorbadoUnreachableTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("corbado.api-url", "http://127.0.0.1:" + LocalAws.freePort(),
                    "corbado.frontend-api-url", "http://127.0.0.1:" + LocalAws.freePort());
        }
    }

    @Test
    void mapsConnectionRefusedToUpstreamUnavailable() {
        given().auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body("{\"type\":\"passkey-append\"}")
                .when().post("/connect-tokens")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("code", equalTo("upstream_unavailable"));
    }

    @Test
    void answersPasskeyLogin503WhenTheKeySetIsUnreachableWithoutCallingCognito() {
        String username = Users.confirmedUser(Users.uniqueEmail("nokeys"));
        String data = Users.signedPasskeyData(username);
        int initiated = Emulator.calls("InitiateAuth");
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", data))
                    .when().post("/passkey-login")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("code", equalTo("upstream_unavailable"));
        }
        assertEquals(initiated, Emulator.calls("InitiateAuth"));
    }
}
