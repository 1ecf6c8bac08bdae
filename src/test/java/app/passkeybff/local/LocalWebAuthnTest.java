package app.passkeybff.local;

import app.passkeybff.support.SoftAuthenticator;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local Corbado Frontend API stand-in performs real WebAuthn: a software authenticator registers
 * a passkey with a passkey-append ConnectToken from the service, logs in with it, and the
 * signedPasskeyData it earns logs in at the service. Every check a relying party owes is falsified once.
 */
@QuarkusTest
class LocalWebAuthnTest {

    private static final String API = "/local/corbado-frontend/v2/connect";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record User(String username, String idToken) {
    }

    private static boolean warm;

    /**
     * The first ConnectToken of a fresh service on a loaded 2-core machine can outlast the 2 s Corbado
     * bound (class loading, JIT); timeouts are CorbadoFaultsTest's subject, not this class's.
     */
    @BeforeEach
    void warmUp() {
        if (!warm) {
            User user = newUser("warmup");
            for (int i = 0; i < 3 && !warm; i++) {
                warm = given().auth().oauth2(user.idToken()).contentType(ContentType.JSON)
                        .body(Map.of("type", "passkey-list")).when().post("/connect-tokens").statusCode() == 200;
            }
        }
    }

    private static User newUser(String prefix) {
        String email = Users.uniqueEmail(prefix);
        String username = Users.confirmedUser(email);
        return new User(username, Tokens.signIn(email, Users.PASSWORD).idToken());
    }

    private static String connectToken(User user, String type) {
        return given().auth().oauth2(user.idToken()).contentType(ContentType.JSON).body(Map.of("type", type))
                .when().post("/connect-tokens").then().statusCode(200).extract().path("token");
    }

    private static ValidatableResponse call(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(API + path).then();
    }

    private static JsonNode publicKey(ValidatableResponse response) {
        try {
            return JSON.readTree(response.statusCode(200).extract().asString()).get("publicKey");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SoftAuthenticator registered(User user) {
        SoftAuthenticator authenticator = new SoftAuthenticator();
        JsonNode options = publicKey(call("/append/start", Map.of("connectToken", connectToken(user, "passkey-append"))));
        call("/append/finish", Map.of("attestationResponse", authenticator.create(options)))
                .statusCode(200).body("passkey.id", equalTo(authenticator.credentialId()));
        return authenticator;
    }

    private static JsonNode loginOptions() {
        return publicKey(call("/login/start", Map.of()));
    }

    private static String refusal(ValidatableResponse response) {
        return response.statusCode(400).extract().path("error.type");
    }

    @Test
    void registersAPasskeyAndItsAssertionLogsInAtTheService() throws Exception {
        User user = newUser("webauthn");
        SoftAuthenticator authenticator = registered(user);

        String signedPasskeyData = call("/login/finish", Map.of("assertionResponse", authenticator.get(loginOptions())))
                .statusCode(200).extract().path("signedPasskeyData");
        String payload = new String(Base64.getUrlDecoder().decode(signedPasskeyData.split("\\.")[1]), StandardCharsets.UTF_8);
        assertEquals(user.username(), JSON.readTree(payload).path("webauthnId").asText());

        String idToken = given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", signedPasskeyData))
                .when().post("/passkey-login").then().statusCode(200).extract().path("idToken");
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body(Map.of("type", "passkey-list"))
                .when().post("/connect-tokens").then().statusCode(200);
        // signedPasskeyData stays single use at verifySignedData.
        given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", signedPasskeyData))
                .when().post("/passkey-login").then().statusCode(401).body("code", equalTo("passkey_login_failed"));
    }

    @Test
    void refusesAReplayedAssertion() {
        SoftAuthenticator authenticator = registered(newUser("replay"));
        ObjectNode assertion = authenticator.get(loginOptions());
        call("/login/finish", Map.of("assertionResponse", assertion)).statusCode(200);
        assertEquals("invalid_challenge", refusal(call("/login/finish", Map.of("assertionResponse", assertion))));
    }

    @Test
    void refusesAnotherOrigin() {
        SoftAuthenticator authenticator = registered(newUser("origin"));
        assertEquals("bad_origin", refusal(call("/login/finish", Map.of("assertionResponse",
                authenticator.get(loginOptions(), "http://evil.localhost:5173", "localhost", 0x05,
                        authenticator.userHandle())))));
        JsonNode creation = publicKey(call("/append/start",
                Map.of("connectToken", connectToken(newUser("origin2"), "passkey-append"))));
        assertEquals("bad_origin", refusal(call("/append/finish", Map.of("attestationResponse",
                new SoftAuthenticator().create(creation, "https://attacker.example", "localhost")))));
    }

    @Test
    void refusesAnotherRpId() {
        SoftAuthenticator authenticator = registered(newUser("rpid"));
        assertEquals("bad_rp_id", refusal(call("/login/finish", Map.of("assertionResponse",
                authenticator.get(loginOptions(), SoftAuthenticator.ORIGIN, "evil.example", 0x05,
                        authenticator.userHandle())))));
    }

    @Test
    void refusesASignatureCounterThatDidNotAdvance() {
        SoftAuthenticator authenticator = registered(newUser("counter"));
        authenticator.counter(10);
        call("/login/finish", Map.of("assertionResponse", authenticator.get(loginOptions()))).statusCode(200);
        authenticator.counter(5); // a cloned authenticator
        assertEquals("malicious_counter_value",
                refusal(call("/login/finish", Map.of("assertionResponse", authenticator.get(loginOptions())))));
    }

    @Test
    void refusesAUserHandleOfAnotherUser() {
        SoftAuthenticator mine = registered(newUser("handle"));
        SoftAuthenticator theirs = registered(newUser("handle2"));
        assertEquals("user_handle_mismatch", refusal(call("/login/finish", Map.of("assertionResponse",
                mine.get(loginOptions(), SoftAuthenticator.ORIGIN, "localhost", 0x05, theirs.userHandle())))));
        assertEquals("user_handle_mismatch", refusal(call("/login/finish", Map.of("assertionResponse",
                mine.get(loginOptions(), SoftAuthenticator.ORIGIN, "localhost", 0x05, null)))));
    }

    @Test
    void refusesAnAssertionWithoutUserVerification() {
        SoftAuthenticator authenticator = registered(newUser("uv"));
        assertEquals("user_not_verified", refusal(call("/login/finish", Map.of("assertionResponse",
                authenticator.get(loginOptions(), SoftAuthenticator.ORIGIN, "localhost", 0x01,
                        authenticator.userHandle())))));
    }

    @Test
    void refusesALoginChallengeForRegistrationAndAnUnknownChallenge() {
        User user = newUser("purpose");
        assertEquals("invalid_challenge", refusal(call("/append/finish", Map.of("attestationResponse",
                new SoftAuthenticator().create(withUser(loginOptions()), SoftAuthenticator.ORIGIN, "localhost")))));
        SoftAuthenticator authenticator = registered(user);
        ObjectNode forged = JSON.createObjectNode().put("challenge", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .put("rpId", "localhost");
        assertEquals("invalid_challenge",
                refusal(call("/login/finish", Map.of("assertionResponse", authenticator.get(forged)))));
    }

    @Test
    void appendTokensAreSingleUseAndTypeBound() {
        User user = newUser("token");
        String append = connectToken(user, "passkey-append");
        call("/append/start", Map.of("connectToken", append)).statusCode(200);
        call("/append/start", Map.of("connectToken", append)).statusCode(401)
                .body("error.type", equalTo("invalid_connect_token"));
        call("/append/start", Map.of("connectToken", connectToken(user, "passkey-list"))).statusCode(401);
        call("/manage/list", Map.of("connectToken", connectToken(user, "passkey-append"))).statusCode(401);
        call("/append/start", Map.of("connectToken", "ctks_forged")).statusCode(401);
    }

    @Test
    void listsAndDeletesOnlyTheUsersOwnPasskeys() {
        User user = newUser("manage");
        SoftAuthenticator authenticator = registered(user);
        SoftAuthenticator others = registered(newUser("manage2"));

        call("/manage/list", Map.of("connectToken", connectToken(user, "passkey-list"))).statusCode(200)
                .body("passkeys", hasSize(1)).body("passkeys[0].id", equalTo(authenticator.credentialId()));
        call("/manage/delete", Map.of("connectToken", connectToken(user, "passkey-delete"), "passkeyId",
                others.credentialId())).statusCode(404);
        call("/manage/delete", Map.of("connectToken", connectToken(user, "passkey-delete"), "passkeyId",
                authenticator.credentialId())).statusCode(200);
        call("/manage/list", Map.of("connectToken", connectToken(user, "passkey-list"))).statusCode(200)
                .body("passkeys", hasSize(0));
        assertEquals("unknown_credential",
                refusal(call("/login/finish", Map.of("assertionResponse", authenticator.get(loginOptions())))));
    }

    private static JsonNode withUser(JsonNode requestOptions) {
        ObjectNode options = requestOptions.deepCopy();
        options.putObject("user").put("id", "dXNlcg");
        options.putObject("rp").put("id", "localhost");
        return options;
    }
}
