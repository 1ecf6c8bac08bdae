package app.passkeybff.connecttoken;

import app.passkeybff.local.LocalCorbado;
import app.passkeybff.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFC 9470 step-up before a credential change: passkey-append and passkey-delete ConnectTokens need a sign-in
 * (the ID token's auth_time) within STEP_UP_MAX_AGE, 15 minutes by default. Before this, an ID token signed in
 * two hours earlier got both, so one leaked token or one XSS could plant the attacker's passkey (a permanent
 * login that survives a password reset) or delete the user's. Offsets are minutes away from the bound, so
 * the machine's speed cannot matter.
 */
@QuarkusTest
class StepUpTest {

    @Inject
    LocalCorbado corbado;

    private static String idTokenSignedInMinutesAgo(long minutes) {
        JwtClaims claims = Tokens.idTokenClaims();
        claims.setClaim("auth_time", NumericDate.now().getValue() - minutes * 60);
        return Tokens.signWithEmulatorKey(claims);
    }

    private static String idTokenWithoutAuthTime() {
        JwtClaims claims = Tokens.idTokenClaims();
        claims.unsetClaim("auth_time");
        return Tokens.signWithEmulatorKey(claims);
    }

    private static io.restassured.response.ValidatableResponse connectToken(String idToken, String type) {
        return given().auth().oauth2(idToken).contentType(ContentType.JSON)
                .body("{\"type\":\"" + type + "\"}")
                .when().post("/connect-tokens")
                .then();
    }

    @ParameterizedTest
    @ValueSource(strings = {"passkey-append", "passkey-delete"})
    void refusesACredentialChangeForASignInTwoHoursAgo(String type) {
        long callsBefore = corbado.connectTokenCallCount();
        connectToken(idTokenSignedInMinutesAgo(120), type)
                .statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", max_age=900")
                .body("code", equalTo("reauthentication_required"))
                .body("status", equalTo(401));
        assertEquals(callsBefore, corbado.connectTokenCallCount(), "no ConnectToken was asked of Corbado");
    }

    @ParameterizedTest
    @ValueSource(strings = {"passkey-append", "passkey-delete"})
    void refusesACredentialChangeForASignInJustPastTheMaxAge(String type) {
        connectToken(idTokenSignedInMinutesAgo(16), type)
                .statusCode(401).body("code", equalTo("reauthentication_required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"passkey-append", "passkey-delete"})
    void treatsATokenWithoutAuthTimeAsTooOld(String type) {
        connectToken(idTokenWithoutAuthTime(), type)
                .statusCode(401).body("code", equalTo("reauthentication_required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"passkey-append", "passkey-delete"})
    void allowsACredentialChangeForARecentSignIn(String type) {
        connectToken(idTokenSignedInMinutesAgo(14), type).statusCode(200).body("type", equalTo(type));
    }

    @Test
    void listingPasskeysNeedsNoRecentSignIn() {
        connectToken(idTokenSignedInMinutesAgo(120), "passkey-list").statusCode(200);
        connectToken(idTokenWithoutAuthTime(), "passkey-list").statusCode(200);
    }

    @Test
    void aFreshPasswordSignInGetsAnAppendToken() {
        connectToken(Tokens.demoIdToken(), "passkey-append").statusCode(200);
    }
}
