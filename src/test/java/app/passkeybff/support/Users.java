package app.passkeybff.support;

import app.passkeybff.local.LocalAws;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;

/** Users in the emulator's pool and passkey data for them from the Corbado stub. */
public final class Users {

    public static final String PASSWORD = "Test-passw0rd!";

    private Users() {
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A CONFIRMED, enabled user with a verified email; returns the Cognito username. */
    public static String confirmedUser(String email) {
        return withCognito(cognito -> LocalAws.createConfirmedUser(cognito, poolId(), email, PASSWORD));
    }

    public static <T> T withCognito(java.util.function.Function<CognitoIdentityProviderClient, T> action) {
        try (CognitoIdentityProviderClient cognito = LocalAwsResource.aws().cognito()) {
            return action.apply(cognito);
        }
    }

    public static void cognito(Consumer<CognitoIdentityProviderClient> action) {
        withCognito(cognito -> {
            action.accept(cognito);
            return null;
        });
    }

    public static String poolId() {
        return LocalAwsResource.seed().userPoolId();
    }

    /** signedPasskeyData as the Corbado login component would produce it after a passkey ceremony. */
    public static String signedPasskeyData(String username) {
        return signedPasskeyData(Map.of("username", username));
    }

    public static String signedPasskeyData(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request)
                .when().post("/local/corbado/v2/local/signedPasskeyData")
                .then().statusCode(200).extract().path("signedPasskeyData");
    }
}
