package app.passkeybff.login;

import app.passkeybff.local.LocalCorbado;
import app.passkeybff.support.Emulator;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PasskeyLoginResourceTest {

    @Inject
    LocalCorbado corbado;

    private static ValidatableResponse login(String signedPasskeyData) {
        return login(signedPasskeyData == null ? Map.of() : Map.of("signedPasskeyData", signedPasskeyData));
    }

    private static ValidatableResponse login(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/passkey-login").then();
    }

    private static ExtractableResponse<Response> assertLoginFailed(ValidatableResponse response) {
        return response.statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("passkey_login_failed")).extract();
    }

    @Test
    void logsInWithPasskeyAndTheIdTokenIsAcceptedByConnectTokens() {
        String email = Users.uniqueEmail("login");
        String username = Users.confirmedUser(email);

        String idToken = login(Users.signedPasskeyData(username))
                .statusCode(200).contentType(ContentType.JSON)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(3600))
                .body("accessToken", not(emptyOrNullString()))
                .body("refreshToken", not(emptyOrNullString()))
                .extract().path("idToken");

        given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200);
        assertEquals(username, corbado.lastConnectTokenCall().identifier());
        assertEquals(new LocalCorbado.VerifyCall(username, "success"), last(corbado.verifyCalls()));
    }

    /**
     * signedPasskeyData replayed at the service: the local check passes it (it is genuine and unexpired), and
     * the verify trigger hands it to Corbado, whose single-use check refuses it. The service itself never
     * calls verifySignedData: exactly one verification per login, the trigger's, so the local check does not
     * spend the data.
     */
    @Test
    void rejectsReplayOfSignedPasskeyData() {
        String username = Users.confirmedUser(Users.uniqueEmail("replay"));
        String data = Users.signedPasskeyData(username);
        long verifications = corbado.verifyCallCount();
        String idToken = login(data).statusCode(200).extract().path("idToken");
        assertEquals(verifications + 1, corbado.verifyCallCount(), "one verification per login: the trigger's");
        for (int replay = 1; replay <= 2; replay++) {
            assertLoginFailed(login(data));
            assertEquals(verifications + 1 + replay, corbado.verifyCallCount());
            assertEquals(new LocalCorbado.VerifyCall(username, "invalid_challenge"), last(corbado.verifyCalls()));
        }
        // The replay got nothing, and the first login's tokens are still the only ones.
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200);
    }

    @Test
    void rejectsDataMintedForAnotherUser() {
        String victim = Users.confirmedUser(Users.uniqueEmail("victim"));
        String attacker = Users.confirmedUser(Users.uniqueEmail("attacker"));
        String data = Users.signedPasskeyData(Map.of("username", attacker, "webauthnId", victim));
        assertLoginFailed(login(data));
        assertEquals(new LocalCorbado.VerifyCall(victim, "user_mismatch"), last(corbado.verifyCalls()));
    }

    @Test
    void rejectsExpiredDataWith401WithoutCallingCognito() {
        String username = Users.confirmedUser(Users.uniqueEmail("expired"));
        String data = Users.signedPasskeyData(Map.of("username", username, "expiresInSeconds", -120));
        long verificationsBefore = corbado.verifyCallCount();
        int initiated = Emulator.calls("InitiateAuth");
        assertLoginFailed(login(data));
        assertEquals(verificationsBefore, corbado.verifyCallCount());
        assertEquals(initiated, Emulator.calls("InitiateAuth"));
    }

    /**
     * RespondToAuthChallenge runs the verify trigger, whose Corbado call may take up to 2.5 s: the
     * service waits for it (its own bound for that call is above the trigger budget) instead of
     * answering 504 while Cognito goes on to spend the data and issue tokens.
     */
    @Test
    void logsInWhenVerificationTakesLongerThanTheDefaultCognitoTimeout() {
        String username = Users.confirmedUser(Users.uniqueEmail("slowverify"));
        String data = Users.signedPasskeyData(username);
        Emulator.triggerLatency("VerifyAuthChallengeResponse", 2.2);
        try {
            login(data).statusCode(200).body("idToken", not(emptyOrNullString()));
        } finally {
            Emulator.triggerLatency("VerifyAuthChallengeResponse", 0);
        }
    }

    @Test
    void answersUnknownUserExactlyLikeABadSignature() {
        String unknown = login(Users.signedPasskeyData("no-such-user-" + System.nanoTime()))
                .statusCode(401).extract().asString();

        String username = Users.confirmedUser(Users.uniqueEmail("forged"));
        String forged = Tokens.tamper(Users.signedPasskeyData(username), "processId", "pro-forged");
        long verifications = corbado.verifyCallCount();
        String badSignature = login(forged).statusCode(401).extract().asString();

        assertEquals(unknown, badSignature);
        assertTrue(unknown.contains("\"code\":\"passkey_login_failed\""));
        // Refused by the service's own check: Corbado never saw the forged data (ForgedPasskeyDataTest has the rest).
        assertEquals(verifications, corbado.verifyCallCount());
    }

    @Test
    void unknownUserRunsTheSameTriggerStepsAsARealUserAndGetsNoTokens() {
        // The seeded app client has PreventUserExistenceErrors ENABLED: Cognito runs define, create and
        // verify for the unknown user, verify asks Corbado (which accepts data minted for that name)
        // and still answers false, so the login fails exactly where a wrong answer fails.
        String unknown = "no-such-user-" + System.nanoTime();
        assertLoginFailed(login(Users.signedPasskeyData(unknown)));
        assertEquals(new LocalCorbado.VerifyCall(unknown, "success"), last(corbado.verifyCalls()));
    }

    /** A user who signed up but never confirmed gets byte for byte an unknown user's answer. */
    @Test
    void answersAnUnconfirmedUserExactlyLikeAnUnknownUser() {
        String unknown = login(Users.signedPasskeyData("no-such-user-" + System.nanoTime())).statusCode(401).extract().asString();
        String email = Users.uniqueEmail("unconfirmed");
        Users.cognito(c -> c.signUp(b -> b.clientId(LocalAwsResource.seed().clientId()).username(email).password(Users.PASSWORD)));
        String username = Users.withCognito(c -> c.listUsers(b -> b.userPoolId(Users.poolId())
                .filter("email = \"" + email + "\"")).users().get(0).username());
        String unconfirmed = login(Users.signedPasskeyData(username)).statusCode(401).extract().asString();
        assertEquals(unknown, unconfirmed);
    }

    @Test
    void answersDisabledUserWith403() {
        String username = Users.confirmedUser(Users.uniqueEmail("disabled"));
        Users.cognito(c -> c.adminDisableUser(b -> b.userPoolId(Users.poolId()).username(username)));
        login(Users.signedPasskeyData(username)).statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("account_disabled"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "not.a.jwt!", "a.b", "", "eyJhbGciOiJub25lIn0.bm90LWpzb24.c2ln"})
    void rejectsMalformedSignedPasskeyData(String data) {
        login(data).statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_request"));
    }

    @Test
    void rejectsDataWithoutWebauthnId() {
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"exp\":4102444800,\"username\":\"u\"}".getBytes(StandardCharsets.UTF_8));
        login("eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln").statusCode(400)
                .body("code", equalTo("invalid_request"))
                .body("detail", containsString("webauthnId"));
    }

    @Test
    void rejectsMissingSignedPasskeyData() {
        login((String) null).statusCode(400).body("code", equalTo("invalid_request"));
    }

    @Test
    void rejectsOverlongClientState() {
        Map<String, Object> body = new HashMap<>();
        body.put("signedPasskeyData", Users.signedPasskeyData("whoever"));
        body.put("clientState", "x".repeat(2049));
        login(body).statusCode(400).body("code", equalTo("invalid_request"));
    }

    @Test
    void storesClientStateInAStrictHttpOnlySecureCookie() {
        String username = Users.confirmedUser(Users.uniqueEmail("cookie"));
        String clientState = "state; with=odd,chars \"ü\"";
        ExtractableResponse<Response> response = login(Map.of("signedPasskeyData", Users.signedPasskeyData(username),
                "clientState", clientState)).statusCode(200).extract();

        String setCookie = response.header("Set-Cookie");
        assertTrue(setCookie.startsWith("__Host-cbo_client_state="), setCookie);
        for (String attribute : List.of("Path=/", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=7776000")) {
            assertTrue(setCookie.contains(attribute), attribute + " missing in " + setCookie);
        }
        String value = response.cookie("__Host-cbo_client_state");
        given().cookie("__Host-cbo_client_state", value).when().get("/client-state")
                .then().statusCode(200).body("clientState", equalTo(clientState));
    }

    @Test
    void setsNoCookieWithoutClientState() {
        String username = Users.confirmedUser(Users.uniqueEmail("nocookie"));
        assertNull(login(Users.signedPasskeyData(username)).statusCode(200).extract().header("Set-Cookie"));
    }

    @Test
    void returnsNullClientStateWithoutCookie() {
        given().when().get("/client-state").then().statusCode(200).body("clientState", nullValue());
    }

    @Test
    void failedLoginNeverMentionsTheUserOrData() {
        String username = Users.confirmedUser(Users.uniqueEmail("quiet"));
        String data = Users.signedPasskeyData(Map.of("username", "someone-else", "webauthnId", username));
        String body = login(data).statusCode(401).extract().asString();
        assertTrue(!body.contains(username) && !body.contains(data.substring(0, 20)), body);
    }

    private static LocalCorbado.VerifyCall last(List<LocalCorbado.VerifyCall> calls) {
        return calls.get(calls.size() - 1);
    }
}
