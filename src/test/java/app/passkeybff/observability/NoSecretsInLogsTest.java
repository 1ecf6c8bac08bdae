package app.passkeybff.observability;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.LogCapture;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives every endpoint with real secrets, tokens, cookies and signedPasskeyData (good and bad
 * uses, at DEBUG level), then searches everything the service logged for any of them.
 */
@QuarkusTest
class NoSecretsInLogsTest {

    @Test
    void noTokenSecretCookieOrPasskeyDataIsEverLogged() throws InterruptedException {
        List<String> secrets = new ArrayList<>();
        var seed = LocalAwsResource.seed();
        secrets.add(seed.corbadoApiSecret());
        secrets.add(seed.actionsSecret());
        secrets.add(seed.secretClientSecret());
        // What the service sends Corbado: the Base64 Basic credential, with and without its scheme.
        String basic = java.util.Base64.getEncoder().encodeToString((seed.corbadoProjectId() + ":" + seed.corbadoApiSecret())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        secrets.add(basic);
        secrets.add("Basic " + basic);

        try (LogCapture log = LogCapture.install()) {
            String email = Users.uniqueEmail("leak");
            String username = Users.confirmedUser(email);
            AuthenticationResultType password = Tokens.signIn(email, Users.PASSWORD);
            secrets.add(password.idToken());
            secrets.add(password.accessToken());
            secrets.add(password.refreshToken());

            for (String type : List.of("passkey-append", "passkey-list", "passkey-delete")) {
                secrets.add(given().auth().oauth2(password.idToken()).contentType(ContentType.JSON)
                        .body(Map.of("type", type)).when().post("/connect-tokens")
                        .then().statusCode(200).extract().path("token"));
            }
            given().auth().oauth2(Tokens.tamper(password.idToken(), "email", "x@example.com"))
                    .contentType(ContentType.JSON).body(Map.of("type", "passkey-list"))
                    .when().post("/connect-tokens").then().statusCode(401);

            String data = Users.signedPasskeyData(username);
            secrets.add(data);
            var login = given().contentType(ContentType.JSON)
                    .body(Map.of("signedPasskeyData", data, "clientState", "client-state-secret-42"))
                    .when().post("/passkey-login").then().statusCode(200).extract();
            secrets.add(login.path("idToken"));
            secrets.add(login.path("accessToken"));
            secrets.add(login.path("refreshToken"));
            secrets.add("client-state-secret-42");
            given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", data))
                    .when().post("/passkey-login").then().statusCode(401);
            String foreign = Users.signedPasskeyData(Map.of("username", "x", "webauthnId", username));
            secrets.add(foreign);
            given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", foreign))
                    .when().post("/passkey-login").then().statusCode(401);

            given().cookie("__Host-cbo_client_state", "client-state-secret-42").when().get("/client-state").then().statusCode(200);
            // A client that puts a token in the query (a mistake the service must not amplify): the access
            // line has the path, never the query.
            int accessLines = log.linesContaining("GET /client-state 200").size();
            given().queryParam("id_token", password.idToken()).queryParam("secret", "query-secret-17")
                    .when().get("/client-state").then().statusCode(200);
            secrets.add("query-secret-17");
            // The access line is written when the answer has gone out, which may be just after the client read it.
            for (int i = 0; i < 100 && log.linesContaining("GET /client-state 200").size() == accessLines; i++) {
                Thread.sleep(50);
            }
            assertEquals(accessLines + 1, log.linesContaining("GET /client-state 200").size(), "the access line was written");
            given().auth().oauth2(password.idToken()).contentType(ContentType.JSON)
                    .body(Map.of("appendStatus", "complete", "clientState", "client-state-secret-42"))
                    .when().post("/passkey-append-complete").then().statusCode(200);

            given().auth().oauth2(seed.actionsSecret()).contentType(ContentType.JSON).body(Map.of("identifier", email))
                    .when().post("/actions/pre-login").then().statusCode(200);
            given().auth().oauth2(seed.actionsSecret()).contentType(ContentType.JSON).body(Map.of("username", username))
                    .when().post("/actions/post-append").then().statusCode(200);
            given().auth().oauth2(seed.actionsSecret() + "-wrong").contentType(ContentType.JSON)
                    .body(Map.of("username", username)).when().post("/actions/post-append").then().statusCode(401);

            List<String> lines = log.lines();
            assertTrue(lines.size() > 10, "the service logged: " + lines.size() + " lines");
            assertEquals(List.of(), log.linesContaining(secrets.toArray(String[]::new)));
        }
    }
}
