package app.passkeybff.http;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Request bodies are read strictly at every endpoint ({@link StrictJson}): no JSON scalar of the wrong type
 * is coerced (before, {@code {"identifier": 5}} at pre-login was read as the string "5" and answered 200
 * {@code user_not_found}), a duplicate key is an error rather than last-one-wins (two parsers must not read
 * two different bodies), and nesting is capped at 64.
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
        // The type error itself, not a later check of a coerced value: "5" or "true" as a string would also
        // fail most fields' own validation with a 400 naming the field, and prove nothing about coercion.
        request.when().post(path).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request")).body("detail", equalTo("Field '" + field + "' has the wrong type."));
    }

    /** The same key twice is malformed: not the last value winning, which another parser might read otherwise. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"passkey-list\",\"type\":\"passkey-delete\"}",
            "{\"type\":\"passkey-list\",\"type\":\"passkey-list\"}",
            "{\"type\":\"passkey-list\",\"x\":1,\"x\":2}",
    })
    void rejectsDuplicateKeys(String body) {
        given().auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body(body)
                .when().post("/connect-tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request"));
    }

    /** Nesting up to 64 levels parses (an ignored field may hold it); the 65th level is malformed. */
    @org.junit.jupiter.api.Test
    void capsNestingAt64Levels() {
        String idToken = Tokens.demoIdToken();
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body(nested(64))
                .when().post("/connect-tokens").then().statusCode(200);
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body(nested(65))
                .when().post("/connect-tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request"));
        // Far deeper than Jackson's own default cap: refused the same way, not a 500 or a stack overflow.
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body(nested(3000))
                .when().post("/connect-tokens").then().statusCode(400).body("code", equalTo("invalid_request"));
    }

    /** A valid ConnectToken request whose ignored field {@code x} brings the body to {@code depth} levels. */
    private static String nested(int depth) {
        int arrays = depth - 1; // the body object is the first level
        return "{\"type\":\"passkey-list\",\"x\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
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
