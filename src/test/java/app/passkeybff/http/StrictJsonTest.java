package app.passkeybff.http;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * No endpoint coerces a JSON scalar of the wrong type: a number or boolean where a string is
 * expected is 400 {@code invalid_request} (before, {@code {"identifier": 5}} at pre-login was read
 * as the string "5" and answered 200 {@code user_not_found}).
 */
@QuarkusTest
class StrictJsonTest {

    private static String credential(String auth) {
        return switch (auth) {
            case "id-token" -> Tokens.demoIdToken();
            case "actions-secret" -> LocalAwsResource.seed().actionsSecret();
            default -> null;
        };
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "/actions/pre-login        | identifier        | 5     | actions-secret",
            "/actions/pre-login        | identifier        | true  | actions-secret",
            "/actions/pre-login        | identifier        | 1.5   | actions-secret",
            "/actions/post-append      | username          | 7     | actions-secret",
            "/actions/post-append      | username          | false | actions-secret",
            "/passkey-login            | signedPasskeyData | 5     | none",
            "/passkey-login            | signedPasskeyData | true  | none",
            "/passkey-login            | clientState       | 12    | none",
            "/connect-tokens           | type              | 1     | id-token",
            "/connect-tokens           | type              | true  | id-token",
            "/passkey-append-complete  | appendStatus      | 0     | id-token",
            "/passkey-append-complete  | clientState       | false | id-token",
    })
    void rejectsScalarOfTheWrongType(String path, String field, String value, String auth) {
        // Every other field valid, so only the mistyped one can be the reason.
        String others = switch (path) {
            case "/passkey-login" -> field.equals("clientState") ? "\"signedPasskeyData\":\"a.b.c\"," : "";
            case "/passkey-append-complete" -> field.equals("clientState") ? "\"appendStatus\":\"complete\"," : "";
            default -> "";
        };
        var request = given().contentType(ContentType.JSON).body("{" + others + "\"" + field + "\":" + value + "}");
        String credential = credential(auth);
        if (credential != null) {
            request.auth().oauth2(credential);
        }
        request.when().post(path).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request")).body("detail", containsString(field));
    }

    /** A valid body followed by anything else is malformed, not read up to its first value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"passkey-list\"} x",
            "{\"type\":\"passkey-list\"}{}",
            "{\"type\":\"passkey-list\"}]",
            "{\"type\":\"passkey-list\"} {\"type\":\"passkey-delete\"}",
    })
    void rejectsContentAfterTheJsonValue(String body) {
        given().auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body(body)
                .when().post("/connect-tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request"));
    }

    /** Valid JSON that is not an object is named as such, not called invalid JSON. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"[]", "\"passkey-list\"", "5", "true"})
    void namesABodyThatIsJsonButNotAnObject(String body) {
        given().auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body(body)
                .when().post("/connect-tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("detail", equalTo("The request body must be a JSON object."));
    }
}
