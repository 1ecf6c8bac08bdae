package app.passkeybff.append;

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
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ACTIONS_MFA_ON_APPEND=false} (the documented variable, now append's own setting) keeps MFA untouched. */
@QuarkusTest
@TestProfile(AppendMfaSwitchedOffTest.Profile.class)
class AppendMfaSwitchedOffTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The name an operator sets; application.properties maps it to append.mfa-on-append.
            return Map.of("ACTIONS_MFA_ON_APPEND", "false");
        }
    }

    @Test
    void completedAppendStoresTheCookieButLeavesMfaAlone() {
        String email = Users.uniqueEmail("append-off");
        String username = Users.confirmedUser(email);
        String idToken = Tokens.signIn(email, Users.PASSWORD).idToken();
        given().auth().oauth2(idToken).contentType(ContentType.JSON)
                .body(Map.of("appendStatus", "complete", "clientState", "cs-off"))
                .when().post("/passkey-append-complete")
                .then().statusCode(200).body("appendStatus", equalTo("complete")).body("mfaUpdated", equalTo(false))
                .header("Set-Cookie", startsWith("__Host-cbo_client_state=cs-off"));
        assertTrue(Users.withCognito(c -> c.adminGetUser(b -> b.userPoolId(Users.poolId()).username(username)))
                .userMFASettingList().isEmpty());
    }
}
