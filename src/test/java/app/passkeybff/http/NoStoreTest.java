package app.passkeybff.http;

import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Answers that carry tokens, ConnectToken secrets or client state (and every other) are never cached. */
@QuarkusTest
class NoStoreTest {

    private static ValidatableResponse noStore(ValidatableResponse response) {
        return response.header("Cache-Control", equalTo("no-store")).header("Pragma", equalTo("no-cache"));
    }

    @Test
    void passkeyLoginTokensAndCookieAreNotCached() {
        String username = Users.confirmedUser(Users.uniqueEmail("nostore"));
        noStore(given().contentType(ContentType.JSON)
                .body(Map.of("signedPasskeyData", Users.signedPasskeyData(username), "clientState", "cs"))
                .when().post("/passkey-login").then().statusCode(200).body("idToken", notNullValue()));
    }

    @Test
    void connectTokenSecretIsNotCached() {
        noStore(given().auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200).body("token", notNullValue()));
    }

    @Test
    void clientStateIsNotCached() {
        noStore(given().cookie("__Host-cbo_client_state", "kept")
                .when().get("/client-state").then().statusCode(200));
    }

    @Test
    void appendCompleteIsNotCached() {
        String email = Users.uniqueEmail("nostore-append");
        Users.confirmedUser(email);
        noStore(given().auth().oauth2(Tokens.signIn(email, Users.PASSWORD).idToken()).contentType(ContentType.JSON)
                .body(Map.of("appendStatus", "skip-explicit")).when().post("/passkey-append-complete").then().statusCode(200));
    }

    @Test
    void problemsAndEarlyAnswersAreNotCachedEither() {
        noStore(given().contentType(ContentType.JSON).body("{}").when().post("/connect-tokens").then().statusCode(401));
        noStore(given().contentType(ContentType.JSON).body("x".repeat(20_000)).when().post("/passkey-login").then().statusCode(413));
        noStore(given().when().get("/no-such-endpoint").then().statusCode(404));
    }
}
