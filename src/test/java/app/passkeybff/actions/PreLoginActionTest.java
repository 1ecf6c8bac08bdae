package app.passkeybff.actions;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every pre-login rule with a real user in that state in the emulator; bodies byte for byte as in the guide. */
@QuarkusTest
class PreLoginActionTest {

    static String actionsSecret() {
        return LocalAwsResource.seed().actionsSecret();
    }

    private static ValidatableResponse preLogin(String identifier) {
        return given().auth().oauth2(actionsSecret()).contentType(ContentType.JSON)
                .body(Map.of("identifier", identifier))
                .when().post("/actions/pre-login").then();
    }

    private static String body(String identifier) {
        return preLogin(identifier).statusCode(200).contentType(ContentType.JSON).extract().asString();
    }

    private static String adminCreateUser(String email, boolean verified) {
        return Users.withCognito(c -> c.adminCreateUser(b -> b.userPoolId(Users.poolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS).temporaryPassword("Temp-passw0rd!")
                .userAttributes(AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder().name("email_verified").value(Boolean.toString(verified)).build()))
                .user().username());
    }

    @Test
    void translatesConfirmedEnabledUserToCognitoUsername() {
        String email = Users.uniqueEmail("confirmed");
        String username = Users.confirmedUser(email);
        assertEquals("{\"identifier\":\"" + username + "\"}", body(email));
    }

    @Test
    void silencesDisabledUser() {
        String email = Users.uniqueEmail("disabled");
        String username = Users.confirmedUser(email);
        Users.cognito(c -> c.adminDisableUser(b -> b.userPoolId(Users.poolId()).username(username)));
        assertEquals("{\"identifier\":\"\",\"error\":{\"return\":false,\"code\":\"account_disabled\"}}", body(email));
    }

    @Test
    void silencesForceChangePasswordUser() {
        String email = Users.uniqueEmail("force");
        adminCreateUser(email, true);
        assertEquals("{\"identifier\":\"\",\"error\":{\"return\":false,\"code\":\"force_change_password\"}}", body(email));
    }

    @Test
    void returnsCustomResetRequired() {
        String email = Users.uniqueEmail("reset");
        String username = Users.confirmedUser(email);
        Users.cognito(c -> c.adminResetUserPassword(b -> b.userPoolId(Users.poolId()).username(username)));
        assertEquals("{\"identifier\":\"\",\"error\":{\"return\":true,\"code\":\"reset_required\",\"payload\":\"\"}}",
                body(email));
    }

    @Test
    void findsUnverifiedForceChangePasswordUserThroughListUsers() {
        String email = Users.uniqueEmail("unverified-force");
        adminCreateUser(email, false);
        assertEquals("{\"identifier\":\"\",\"error\":{\"return\":false,\"code\":\"force_change_password\"}}", body(email));
    }

    @Test
    void answersUntypedForUnconfirmedSignUpFoundOnlyThroughListUsers() {
        String email = Users.uniqueEmail("signup");
        Users.cognito(c -> c.signUp(b -> b.clientId(LocalAwsResource.seed().clientId()).username(email)
                .password(Users.PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value(email).build())));
        assertEquals("{\"identifier\":\"\",\"error\":{\"return\":true,\"code\":\"untyped\",\"message\":\"unhandled user status\"}}",
                body(email));
    }

    @Test
    void answersUserNotFoundForUnknownEmail() {
        assertEquals("{\"identifier\":\"\",\"error\":{\"return\":true,\"code\":\"user_not_found\","
                + "\"message\":\"There is no account registered to that email address.\"}}", body(Users.uniqueEmail("nobody")));
    }

    @Test
    void escapesQuoteAndBackslashInTheListUsersFilter() {
        // Unescaped, this would be a filter parse error (untyped); escaped, it is simply nobody.
        preLogin("evil\"\\@example.com\\").statusCode(200).body("error.code", equalTo("user_not_found"));
        preLogin("x\" or email ^= \"").statusCode(200).body("error.code", equalTo("user_not_found"));
    }

    @Test
    void escapesFilterValues() {
        assertEquals("email = \"a\\\"b\\\\c@example.com\"",
                app.passkeybff.lambda.cognito.UserDirectory.emailFilter("a\"b\\c@example.com"));
    }

    // --- webhook authentication ---------------------------------------------------------------

    @Test
    void rejectsMissingSecret() {
        given().contentType(ContentType.JSON).body(Map.of("identifier", "a@example.com"))
                .when().post("/actions/pre-login")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("code", equalTo("invalid_token"));
    }

    @Test
    void rejectsWrongSecret() {
        for (String wrong : new String[]{actionsSecret() + "x", actionsSecret().substring(1), "", "Basic abc"}) {
            given().header("Authorization", "Bearer " + wrong).contentType(ContentType.JSON)
                    .body(Map.of("identifier", "a@example.com"))
                    .when().post("/actions/pre-login")
                    .then().statusCode(401).body("code", equalTo("invalid_token"));
        }
    }

    @Test
    void rejectsMissingIdentifierWithProblem() {
        given().auth().oauth2(actionsSecret()).contentType(ContentType.JSON).body("{}")
                .when().post("/actions/pre-login")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_request"));
    }

    @Test
    void rejectsWrongSecretBeforeLookingAtTheBody() {
        for (String body : new String[] {"{}", "{\"identifier\":", "{\"identifier\":\"" + "a".repeat(400) + "\"}"}) {
            given().auth().oauth2("wrong").contentType(ContentType.JSON).body(body)
                    .when().post("/actions/pre-login")
                    .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("invalid_token"));
        }
    }

    @Test
    void rejectsOverlongIdentifierWithoutEchoingIt() {
        String identifier = "x".repeat(321);
        given().auth().oauth2(actionsSecret()).contentType(ContentType.JSON).body(Map.of("identifier", identifier))
                .when().post("/actions/pre-login")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_request"))
                .body("detail", equalTo("Field 'identifier' is longer than 320 characters."));
    }
}
