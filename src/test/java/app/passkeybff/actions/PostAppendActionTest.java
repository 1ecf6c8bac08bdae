package app.passkeybff.actions;

import app.passkeybff.lambda.actions.PostAppendHandler;
import app.passkeybff.lambda.actions.PreLoginHandler;
import app.passkeybff.lambda.cognito.SdkUserDirectory;
import app.passkeybff.local.LocalAws;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The post-append MFA rule through the webhook, and both action Lambda handlers on the emulator. */
@QuarkusTest
class PostAppendActionTest {

    private static CognitoIdentityProviderAsyncClient sdk;

    @BeforeAll
    static void sdkClient() {
        sdk = CognitoIdentityProviderAsyncClient.builder().endpointOverride(LocalAwsResource.aws().endpoint())
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterAll
    static void closeSdk() {
        sdk.close();
    }

    static AdminGetUserResponse user(String username) {
        return Users.withCognito(c -> c.adminGetUser(b -> b.userPoolId(Users.poolId()).username(username)));
    }

    private static io.restassured.response.ValidatableResponse postAppend(String username) {
        return given().auth().oauth2(PreLoginActionTest.actionsSecret()).contentType(ContentType.JSON)
                .body(Map.of("username", username)).when().post("/actions/post-append").then();
    }

    @Test
    void enablesAndPrefersSmsMfaForUserWithoutMfa() {
        String username = Users.confirmedUser(Users.uniqueEmail("mfa"));
        assertTrue(user(username).userMFASettingList().isEmpty());
        assertEquals("{}", postAppend(username).statusCode(200).extract().asString());
        AdminGetUserResponse after = user(username);
        assertEquals(List.of("SMS_MFA"), after.userMFASettingList());
        assertEquals("SMS_MFA", after.preferredMfaSetting());
    }

    @Test
    void leavesUserWithMfaUnchanged() {
        String username = Users.confirmedUser(Users.uniqueEmail("has-mfa"));
        Users.cognito(c -> c.adminSetUserMFAPreference(b -> b.userPoolId(Users.poolId()).username(username)
                .smsMfaSettings(s -> s.enabled(true).preferredMfa(false))));
        postAppend(username).statusCode(200);
        AdminGetUserResponse after = user(username);
        assertEquals(List.of("SMS_MFA"), after.userMFASettingList());
        assertEquals("", after.preferredMfaSetting(), "preference untouched");
    }

    @Test
    void isIdempotent() {
        String username = Users.confirmedUser(Users.uniqueEmail("twice"));
        assertTrue(user(username).userMFASettingList().isEmpty());
        postAppend(username).statusCode(200);
        AdminGetUserResponse first = user(username);
        // The first call did the work, so "unchanged by the second" means something.
        assertEquals(List.of("SMS_MFA"), first.userMFASettingList());
        assertEquals("SMS_MFA", first.preferredMfaSetting());
        postAppend(username).statusCode(200);
        AdminGetUserResponse second = user(username);
        assertEquals(first.userMFASettingList(), second.userMFASettingList());
        assertEquals(first.preferredMfaSetting(), second.preferredMfaSetting());
    }

    @Test
    void answersUnknownUserWith404Problem() {
        postAppend("no-such-user").statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("user_not_found"));
    }

    @Test
    void rejectsWrongSecret() {
        given().auth().oauth2("wrong").contentType(ContentType.JSON).body(Map.of("username", "u"))
                .when().post("/actions/post-append").then().statusCode(401).body("code", equalTo("invalid_token"));
    }

    // --- the Lambda handlers: the guide's {statusCode, body} envelope -------------------------------

    @Test
    void preLoginLambdaReturnsEnvelopeWithBodyObject() {
        String email = Users.uniqueEmail("lambda-pre");
        String username = Users.confirmedUser(email);
        var handler = new PreLoginHandler(new SdkUserDirectory(sdk, Users.poolId()));
        assertEquals(Map.of("statusCode", 200, "body", Map.of("identifier", username)),
                handler.handleRequest(Map.of("identifier", email), null));
        assertEquals(Map.of("statusCode", 200, "body", Map.of("identifier", "", "error",
                        Map.of("return", true, "code", "user_not_found",
                                "message", "There is no account registered to that email address."))),
                handler.handleRequest(Map.of("identifier", Users.uniqueEmail("lambda-nobody")), null));
    }

    @Test
    void postAppendLambdaReturnsEnvelope() {
        String username = Users.confirmedUser(Users.uniqueEmail("lambda-post"));
        var handler = new PostAppendHandler(new SdkUserDirectory(sdk, Users.poolId()));
        assertEquals(Map.of("statusCode", 200, "body", Map.of()), handler.handleRequest(Map.of("username", username), null));
        assertEquals(List.of("SMS_MFA"), user(username).userMFASettingList());
    }

    @Test
    void postAppendLambdaReportsErrorsAsJsonStringBody() {
        var handler = new PostAppendHandler(new SdkUserDirectory(sdk, Users.poolId()));
        Map<String, Object> result = handler.handleRequest(Map.of("username", "no-such-user"), null);
        assertEquals(500, result.get("statusCode"));
        assertTrue(result.get("body") instanceof String, "the guide stringifies the error body");
        assertEquals("{\"message\":\"Caught exception\",\"error\":\"User does not exist.\"}", result.get("body"),
                (String) result.get("body"));
    }
}
