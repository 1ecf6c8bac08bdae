package app.passkeybff.login;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The service fronting an app client with a secret: every CUSTOM_AUTH call carries SECRET_HASH. */
@QuarkusTest
@TestProfile(ConfidentialClientLoginTest.Profile.class)
class ConfidentialClientLoginTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognito.client-id", "${local.secret-client.id}",
                    "cognito.client-secret", "${local.secret-client.secret}");
        }
    }

    @Test
    void logsInWithSecretHash() {
        String username = Users.confirmedUser(Users.uniqueEmail("confidential"));
        given().contentType(ContentType.JSON)
                .body(Map.of("signedPasskeyData", Users.signedPasskeyData(username)))
                .when().post("/passkey-login")
                .then().statusCode(200).body("idToken", not(emptyOrNullString()));
    }

    @Test
    void emulatorRefusesCustomAuthWithoutSecretHash() {
        String username = Users.confirmedUser(Users.uniqueEmail("no-hash"));
        assertThrows(NotAuthorizedException.class, () -> Users.cognito(cognito -> cognito.initiateAuth(b -> b
                .clientId(LocalAwsResource.seed().secretClientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", username)))));
    }
}
