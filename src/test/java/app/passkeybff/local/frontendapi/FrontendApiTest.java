package app.passkeybff.local.frontendapi;

import app.passkeybff.support.FrontendApi;
import app.passkeybff.support.SoftAuthenticator;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fixture test: it exercises the dev/test-only Corbado Frontend API stand-in, not the product. The
 * stand-in speaks Corbado's connect operations with real WebAuthn: a software authenticator registers a
 * passkey with a passkey-append ConnectToken from the service, logs in with it after the pre-login
 * action translated the email, and the signedPasskeyData it earns logs in at the service. Every check a
 * relying party owes is falsified once; the action outcomes reach the answer as Corbado passes them on.
 */
@QuarkusTest
class FrontendApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record User(String email, String username, String idToken) {
    }

    private static boolean warm;

    /**
     * The first ConnectToken of a fresh service on a loaded 2-core machine can outlast the Corbado bound
     * (class loading, JIT); timeouts are CorbadoFaultsTest's subject, not this class's.
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

    static User newUser(String prefix) {
        String email = Users.uniqueEmail(prefix);
        String username = Users.confirmedUser(email);
        return new User(email, username, Tokens.signIn(email, Users.PASSWORD).idToken());
    }

    static String connectToken(User user, String type) {
        return given().auth().oauth2(user.idToken()).contentType(ContentType.JSON).body(Map.of("type", type))
                .when().post("/connect-tokens").then().statusCode(200).extract().path("token");
    }

    static SoftAuthenticator registered(User user) {
        SoftAuthenticator authenticator = new SoftAuthenticator();
        FrontendApi api = FrontendApi.init("append");
        String options = api.call("/append/start", Map.of("appendTokenValue", connectToken(user, "passkey-append"),
                "loadedMs", 1)).statusCode(200).extract().path("attestationOptions");
        api.call("/append/finish", Map.of("attestationResponse", authenticator.create(FrontendApi.publicKey(options)).toString(),
                        "completionType", "manual"))
                .statusCode(200).body("passkeyOperation.operationType", equalTo("append"))
                .body("passkeyOperation.identifierValue", equalTo(user.username()));
        return authenticator;
    }

    private static ValidatableResponse loginStart(FrontendApi api, String identifier) {
        return api.call("/login/start", Map.of("identifier", identifier, "source", "text-field", "loadedMs", 1))
                .statusCode(200);
    }

    private static JsonNode loginOptions(FrontendApi api, String identifier) {
        return FrontendApi.publicKey(loginStart(api, identifier).extract().path("assertionOptions"));
    }

    private static ValidatableResponse loginFinish(FrontendApi api, ObjectNode assertion) {
        return api.call("/login/finish", Map.of("assertionResponse", assertion.toString(), "isConditionalUI", false));
    }

    /** The check a 400 names: Corbado's validation_error, the failed check first in its details. */
    private static String refusal(ValidatableResponse response) {
        String details = response.statusCode(400).body("error.type", equalTo("validation_error"))
                .extract().path("error.details");
        return details.substring(0, details.indexOf(':'));
    }

    @Test
    void registersAPasskeyAndItsAssertionLogsInAtTheService() throws Exception {
        User user = newUser("webauthn");
        SoftAuthenticator authenticator = registered(user);

        FrontendApi api = FrontendApi.init("login");
        JsonNode options = loginOptions(api, user.email());
        assertEquals(authenticator.credentialId(), options.path("allowCredentials").path(0).path("id").asText(),
                "the challenge allows the passkey of the user the pre-login action named");
        ValidatableResponse finish = loginFinish(api, authenticator.get(options)).statusCode(200)
                .body("passkeyOperation.operationType", equalTo("verify"))
                .body("passkeyOperation.identifierValue", equalTo(user.email()))
                .body("passkeyOperation.identifierType", equalTo("email"));
        String signedPasskeyData = finish.extract().path("signedPasskeyData");
        assertEquals(signedPasskeyData, finish.extract().path("session"), "connect-react 0.2.4 reads session");
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(signedPasskeyData.split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertEquals(user.username(), claims.path("webauthnId").asText());
        assertEquals(authenticator.credentialId(), claims.path("credential").asText());
        assertEquals(api.process(), claims.path("processId").asText());

        String idToken = given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", signedPasskeyData))
                .when().post("/passkey-login").then().statusCode(200).extract().path("idToken");
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body(Map.of("type", "passkey-list"))
                .when().post("/connect-tokens").then().statusCode(200);
        // signedPasskeyData stays single use at verifySignedData.
        given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", signedPasskeyData))
                .when().post("/passkey-login").then().statusCode(401).body("code", equalTo("passkey_login_failed"));
    }

    @Test
    void finishedAppendCallsThePostAppendAction() {
        User user = newUser("postappend");
        registered(user);
        // The post-append action's rule: a user without MFA gets SMS MFA, preferred.
        var mfa = Users.withCognito(c -> c.adminGetUser(b -> b.userPoolId(Users.poolId()).username(user.username())));
        assertTrue(mfa.userMFASettingList().contains("SMS_MFA"), "post-append ran for " + user.username());
    }

    @Test
    void refusesAReplayedAssertion() {
        User user = newUser("replay");
        SoftAuthenticator authenticator = registered(user);
        FrontendApi api = FrontendApi.init("login");
        ObjectNode assertion = authenticator.get(loginOptions(api, user.email()));
        loginFinish(api, assertion).statusCode(200);
        assertEquals("invalid_challenge", refusal(loginFinish(api, assertion)));
    }

    @Test
    void refusesAChallengeOfAnotherProcess() {
        User user = newUser("process");
        SoftAuthenticator authenticator = registered(user);
        ObjectNode assertion = authenticator.get(loginOptions(FrontendApi.init("login"), user.email()));
        assertEquals("invalid_challenge", refusal(loginFinish(FrontendApi.init("login"), assertion)));
    }

    @Test
    void refusesAnotherOrigin() {
        User user = newUser("origin");
        SoftAuthenticator authenticator = registered(user);
        FrontendApi api = FrontendApi.init("login");
        assertEquals("bad_origin", refusal(loginFinish(api, authenticator.get(loginOptions(api, user.email()),
                "http://evil.localhost:5173", "localhost", 0x05, authenticator.userHandle()))));
        FrontendApi append = FrontendApi.init("append");
        String creation = append.call("/append/start", Map.of("appendTokenValue",
                connectToken(newUser("origin2"), "passkey-append"), "loadedMs", 1)).statusCode(200)
                .extract().path("attestationOptions");
        assertEquals("bad_origin", refusal(append.call("/append/finish", Map.of("attestationResponse",
                new SoftAuthenticator().create(FrontendApi.publicKey(creation), "https://attacker.example", "localhost")
                        .toString()))));
    }

    @Test
    void refusesAnotherRpId() {
        User user = newUser("rpid");
        SoftAuthenticator authenticator = registered(user);
        FrontendApi api = FrontendApi.init("login");
        assertEquals("bad_rp_id", refusal(loginFinish(api, authenticator.get(loginOptions(api, user.email()),
                SoftAuthenticator.ORIGIN, "evil.example", 0x05, authenticator.userHandle()))));
    }

    @Test
    void refusesASignatureCounterThatDidNotAdvance() {
        User user = newUser("counter");
        SoftAuthenticator authenticator = registered(user);
        authenticator.counter(10);
        FrontendApi api = FrontendApi.init("login");
        loginFinish(api, authenticator.get(loginOptions(api, user.email()))).statusCode(200);
        authenticator.counter(5); // a cloned authenticator
        assertEquals("malicious_counter_value",
                refusal(loginFinish(api, authenticator.get(loginOptions(api, user.email())))));
    }

    @Test
    void refusesAUserHandleOfAnotherUserAndAPasskeyOfAnotherUser() {
        User me = newUser("handle");
        SoftAuthenticator mine = registered(me);
        User them = newUser("handle2");
        SoftAuthenticator theirs = registered(them);
        FrontendApi api = FrontendApi.init("login");
        assertEquals("user_handle_mismatch", refusal(loginFinish(api, mine.get(loginOptions(api, me.email()),
                SoftAuthenticator.ORIGIN, "localhost", 0x05, theirs.userHandle()))));
        assertEquals("user_handle_mismatch", refusal(loginFinish(api, mine.get(loginOptions(api, me.email()),
                SoftAuthenticator.ORIGIN, "localhost", 0x05, null))));
        // A challenge issued for their login answered with my passkey.
        assertEquals("credential_not_allowed", refusal(loginFinish(api, mine.get(loginOptions(api, them.email())))));
    }

    @Test
    void refusesAnAssertionWithoutUserVerification() {
        User user = newUser("uv");
        SoftAuthenticator authenticator = registered(user);
        FrontendApi api = FrontendApi.init("login");
        assertEquals("user_not_verified", refusal(loginFinish(api, authenticator.get(loginOptions(api, user.email()),
                SoftAuthenticator.ORIGIN, "localhost", 0x01, authenticator.userHandle()))));
    }

    @Test
    void refusesALoginChallengeForRegistrationAndAnUnknownChallenge() {
        User user = newUser("purpose");
        SoftAuthenticator authenticator = registered(user);
        FrontendApi api = FrontendApi.init("login");
        ObjectNode withUser = loginOptions(api, user.email()).deepCopy();
        withUser.putObject("user").put("id", "dXNlcg");
        withUser.putObject("rp").put("id", "localhost");
        assertEquals("invalid_challenge", refusal(api.call("/append/finish", Map.of("attestationResponse",
                new SoftAuthenticator().create(withUser, SoftAuthenticator.ORIGIN, "localhost").toString()))));
        ObjectNode forged = JSON.createObjectNode().put("challenge", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .put("rpId", "localhost");
        assertEquals("invalid_challenge", refusal(loginFinish(api, authenticator.get(forged))));
    }

    @Test
    void appendTokensAreSingleUseAndTypeBound() {
        User user = newUser("token");
        FrontendApi api = FrontendApi.init("append");
        String append = connectToken(user, "passkey-append");
        api.call("/append/start", Map.of("appendTokenValue", append, "loadedMs", 1)).statusCode(200);
        api.call("/append/start", Map.of("appendTokenValue", append, "loadedMs", 1)).statusCode(400)
                .body("error.type", equalTo("validation_error"))
                .body("error.validation[0].field", equalTo("appendTokenValue"));
        api.call("/append/start", Map.of("appendTokenValue", connectToken(user, "passkey-list"), "loadedMs", 1))
                .statusCode(400);
        FrontendApi manage = FrontendApi.init("manage");
        manage.call("/manage/list", Map.of("connectToken", connectToken(user, "passkey-append"))).statusCode(400)
                .body("error.validation[0].field", equalTo("connectToken"));
        api.call("/append/start", Map.of("appendTokenValue", "ctks_forged", "loadedMs", 1)).statusCode(400);
    }

    @Test
    void listsAndDeletesOnlyTheUsersOwnPasskeysByPasskeyIdOrCredentialId() {
        User user = newUser("manage");
        SoftAuthenticator first = registered(user);
        SoftAuthenticator second = registered(user);
        SoftAuthenticator others = registered(newUser("manage2"));
        FrontendApi api = FrontendApi.init("manage");

        ValidatableResponse list = api.call("/manage/list", Map.of("connectToken", connectToken(user, "passkey-list")))
                .statusCode(200).body("passkeys", hasSize(2)).body("rpID", equalTo("localhost"))
                .body("userID", equalTo(Base64.getUrlEncoder().withoutPadding().encodeToString(first.userHandle())))
                .body("passkeys[0].credentialID", equalTo(first.credentialId()))
                .body("passkeys[0].status", equalTo("active"))
                .body("passkeys[0].transport", equalTo(List.of("internal")));
        String secondId = list.extract().path("passkeys[1].id");
        api.call("/manage/delete", Map.of("connectToken", connectToken(user, "passkey-delete"), "credentialID",
                others.credentialId())).statusCode(404).body("error.type", equalTo("not_found"));
        // web-core 3 sends the credential id, connect-react 0.2.4 the passkey id: both name the passkey.
        api.call("/manage/delete", Map.of("connectToken", connectToken(user, "passkey-delete"), "credentialID",
                first.credentialId())).statusCode(200).body("credentialID", equalTo(first.credentialId()));
        api.call("/manage/delete", Map.of("connectToken", connectToken(user, "passkey-delete"), "credentialID",
                secondId)).statusCode(200).body("credentialID", equalTo(second.credentialId()));
        api.call("/manage/list", Map.of("connectToken", connectToken(user, "passkey-list"))).statusCode(200)
                .body("passkeys", hasSize(0));
        FrontendApi login = FrontendApi.init("login");
        loginStart(login, user.email()).body("assertionOptions", emptyString());
    }

    @Test
    void aDeletedPasskeysAssertionIsNotFound() {
        User user = newUser("deleted");
        SoftAuthenticator authenticator = registered(user);
        FrontendApi api = FrontendApi.init("login");
        ObjectNode assertion = authenticator.get(loginOptions(api, user.email()));
        FrontendApi.init("manage").call("/manage/delete", Map.of("connectToken", connectToken(user, "passkey-delete"),
                "credentialID", authenticator.credentialId())).statusCode(200);
        loginFinish(api, assertion).statusCode(404).body("error.type", equalTo("not_found"));
    }

    @Test
    void aUserWithoutPasskeysFallsBackWithoutAnError() {
        User user = newUser("nopasskey");
        loginStart(FrontendApi.init("login"), user.email()).body("assertionOptions", emptyString())
                .body("isCDA", equalTo(false))
                .body("fallbackOperationError.initFallback", equalTo(true))
                .body("fallbackOperationError.identifier", equalTo(user.email()))
                .body("fallbackOperationError.error", nullValue()).body("error", nullValue());
    }

    @Test
    void anUnknownEmailIsUserNotFoundForBothWebCoreVersions() {
        String email = Users.uniqueEmail("nobody");
        loginStart(FrontendApi.init("login"), email).body("assertionOptions", emptyString())
                .body("fallbackOperationError.initFallback", equalTo(false))
                .body("fallbackOperationError.error.code", equalTo("user_not_found"))
                .body("fallbackOperationError.error.message", not(emptyString()))
                .body("error.code", equalTo("user_not_found"));
    }

    @Test
    void aSilentPreLoginErrorFallsBackWithoutSayingWhy() {
        String email = Users.uniqueEmail("forcechange");
        adminCreateUser(email); // FORCE_CHANGE_PASSWORD: the action answers a silent error
        loginStart(FrontendApi.init("login"), email).body("assertionOptions", emptyString())
                .body("fallbackOperationError.initFallback", equalTo(true))
                .body("fallbackOperationError.identifier", equalTo(email))
                .body("fallbackOperationError.error", nullValue()).body("error", nullValue());
    }

    @Test
    void aCustomPreLoginErrorReachesTheComponentWithItsCode() {
        User user = newUser("reset");
        Users.cognito(c -> c.adminResetUserPassword(b -> b.userPoolId(Users.poolId()).username(user.username())));
        loginStart(FrontendApi.init("login"), user.email()).body("assertionOptions", emptyString())
                .body("fallbackOperationError.initFallback", equalTo(true))
                .body("fallbackOperationError.error.code", equalTo("reset_required"))
                .body("error.code", equalTo("reset_required"));
    }

    @Test
    void refusesAnotherProjectAMissingProcessAndAMalformedBody() {
        given().contentType(ContentType.JSON).header("X-Corbado-ProjectID", "pro-other")
                .body(Map.of("clientInformation", Map.of(), "flags", Map.of()))
                .when().post(FrontendApi.BASE + "/login/init").then().statusCode(400)
                .body("error.type", equalTo("project_id_mismatch")).body("httpStatusCode", equalTo(400))
                .body("requestData.requestID", not(emptyString()));
        FrontendApi.post("/login/start", Map.of("identifier", "a@example.com", "source", "text-field", "loadedMs", 1), null)
                .statusCode(400).body("error.validation[0].field", equalTo("x-corbado-process-id"));
        FrontendApi.post("/login/init", Map.of("flags", List.of()), null).statusCode(400)
                .body("error.type", equalTo("validation_error"))
                .body("error.validation.field", equalTo(List.of("clientInformation", "flags")));
        FrontendApi.init("login").call("/login/start", Map.of("identifier", "a@example.com", "source", "typed",
                "loadedMs", "soon")).statusCode(400).body("error.validation.field", equalTo(List.of("source", "loadedMs")));
    }

    @Test
    void acceptsEventsAndClearsProcesses() {
        FrontendApi api = FrontendApi.init("login");
        api.call("/events", Map.of("eventType", "login-error", "message", "situation: 5")).statusCode(204);
        api.call("/events", Map.of("eventType", "something-else")).statusCode(400);
        api.call("/process/clear", Map.of("processId", api.process())).statusCode(200).body("processId", equalTo(api.process()));
        api.call("/process/clear", Map.of("processId", api.process())).statusCode(404).body("error.type", equalTo("not_found"));
    }

    @Test
    void initNamesItselfAsTheFrontendApiUrlAndKeepsTheBrowsersProcess() {
        String process = FrontendApi.init("login").process();
        FrontendApi.post("/login/init", Map.of("clientInformation", Map.of(), "flags", Map.of()), process).statusCode(200)
                .body("token", equalTo(process)).body("loginAllowed", equalTo(true))
                .body("frontendApiUrl", equalTo("http://localhost:" + RestAssured.port + "/local/corbado-frontend"));
    }

    private static String adminCreateUser(String email) {
        return Users.withCognito(c -> c.adminCreateUser(b -> b.userPoolId(Users.poolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS).temporaryPassword("Temp-passw0rd!")
                .userAttributes(AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder().name("email_verified").value("true").build())).user().username());
    }
}
