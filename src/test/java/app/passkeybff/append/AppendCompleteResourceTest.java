package app.passkeybff.append;

import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AppendCompleteResourceTest {

    /** A fresh user and its ID token. */
    private static String[] signedInUser(String prefix) {
        String email = Users.uniqueEmail(prefix);
        String username = Users.confirmedUser(email);
        return new String[]{username, Tokens.signIn(email, Users.PASSWORD).idToken()};
    }

    private static ValidatableResponse complete(String idToken, Map<String, ?> body) {
        return given().auth().oauth2(idToken).contentType(ContentType.JSON).body(body)
                .when().post("/passkey-append-complete").then();
    }

    private static AdminGetUserResponse user(String username) {
        return Users.withCognito(c -> c.adminGetUser(b -> b.userPoolId(Users.poolId()).username(username)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"complete", "complete-noop"})
    void completeStoresCookieAndEnablesMfaOnce(String status) {
        String[] user = signedInUser("append-" + status);
        var first = complete(user[1], Map.of("appendStatus", status, "clientState", "cs-" + status))
                .statusCode(200).body("appendStatus", equalTo(status)).body("mfaUpdated", equalTo(true)).extract();
        String cookie = first.header("Set-Cookie");
        assertTrue(cookie.startsWith("__Host-cbo_client_state=cs-" + status) && cookie.contains("HttpOnly")
                && cookie.contains("Secure") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), cookie);
        assertEquals(List.of("SMS_MFA"), user(user[0]).userMFASettingList());

        complete(user[1], Map.of("appendStatus", status)).statusCode(200).body("mfaUpdated", equalTo(false));
        assertEquals(List.of("SMS_MFA"), user(user[0]).userMFASettingList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip-implicit", "skip-explicit"})
    void skipChangesNothing(String status) {
        String[] user = signedInUser("append-" + status);
        var response = complete(user[1], Map.of("appendStatus", status, "clientState", "ignored"))
                .statusCode(200).body("appendStatus", equalTo(status)).body("mfaUpdated", equalTo(false)).extract();
        assertNull(response.header("Set-Cookie"));
        assertTrue(user(user[0]).userMFASettingList().isEmpty());
    }

    @Test
    void rejectsBadToken() {
        complete("not-a-token", Map.of("appendStatus", "complete")).statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").body("code", equalTo("invalid_token"));
    }

    @Test
    void rejectsUnknownStatus() {
        complete(Tokens.demoIdToken(), Map.of("appendStatus", "completed")).statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_request"));
    }

    @Test
    void rejectsMissingStatus() {
        complete(Tokens.demoIdToken(), Map.of()).statusCode(400).body("code", equalTo("invalid_request"));
    }
}
