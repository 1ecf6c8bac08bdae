package app.passkeybff.login;

import app.passkeybff.local.LocalCorbado;
import app.passkeybff.support.Emulator;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * signedPasskeyData is checked locally (RS256, a key of Corbado's Frontend API key set, iss = the
 * project id, exp/nbf/iat) before any Cognito call: forged data never starts a CUSTOM_AUTH, and every
 * refusal is byte-for-byte the answer an unknown user gets. The emulator counts the Cognito calls it
 * receives, and the Corbado stub counts verifySignedData calls, so "never reached" is observed there.
 */
@QuarkusTest
class ForgedPasskeyDataTest {

    @Inject
    LocalCorbado corbado;

    String username;
    String unknownUserAnswer;

    @BeforeEach
    void user() {
        username = Users.confirmedUser(Users.uniqueEmail("forged"));
        if (unknownUserAnswer == null) {
            unknownUserAnswer = login(Users.signedPasskeyData("no-such-user-" + System.nanoTime()))
                    .statusCode(401).extract().asString();
        }
    }

    private static ValidatableResponse login(String signedPasskeyData) {
        return given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", signedPasskeyData))
                .when().post("/passkey-login").then();
    }

    private JwtClaims claims() {
        return corbado.passkeyClaims(LocalAwsResource.seed().corbadoProjectId(), username, username, 300);
    }

    private JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = claims();
        change.accept(claims);
        return claims;
    }

    /** Refused with the unknown user's exact answer, and neither Cognito nor Corbado heard of it. */
    private void assertRefusedBeforeCognito(String data) {
        int initiated = Emulator.calls("InitiateAuth");
        long verified = corbado.verifyCallCount();
        String body = login(data).statusCode(401).contentType("application/problem+json").extract().asString();
        assertEquals(unknownUserAnswer, body);
        assertEquals(initiated, Emulator.calls("InitiateAuth"), "InitiateAuth reached the emulator");
        assertEquals(verified, corbado.verifyCallCount(), "verifySignedData was called");
    }

    @Test
    void genuineDataStillLogsIn() {
        login(corbado.sign(claims())).statusCode(200);
    }

    @Test
    void refusesForgedSignatureBeforeCognito() {
        assertRefusedBeforeCognito(Tokens.tamper(corbado.sign(claims()), "processId", "pro-forged"));
    }

    @Test
    void refusesDataSignedWithAnotherKeyUnderTheRightKid() {
        assertRefusedBeforeCognito(Tokens.sign(claims(), Tokens.newRsaKey(), LocalCorbado.KEY_ID));
    }

    @Test
    void refusesDataSignedWithTheRightKeyUnderAnUnknownKid() {
        assertRefusedBeforeCognito(Tokens.sign(claims(), corbado.signingKey(), "unknown-kid"));
    }

    @Test
    void refusesDataWithoutKid() {
        assertRefusedBeforeCognito(Tokens.sign(claims(), corbado.signingKey(), null));
    }

    @Test
    void refusesUnsignedData() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + LocalCorbado.KEY_ID + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims().toJson().getBytes(StandardCharsets.UTF_8));
        assertRefusedBeforeCognito(header + "." + payload + ".c2ln");
        int initiated = Emulator.calls("InitiateAuth");
        // Without a signature part it is not even a JWS: malformed.
        login(header + "." + payload + ".").statusCode(400).body("code", equalTo("invalid_request"));
        assertEquals(initiated, Emulator.calls("InitiateAuth"));
    }

    @Test
    void refusesHs256DataKeyedWithThePublicKey() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(LocalCorbado.KEY_ID);
        jws.setKey(new HmacKey(corbado.keySetJson().getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        assertRefusedBeforeCognito(jws.getCompactSerialization());
    }

    @Test
    void refusesDataOfAnotherProject() {
        assertRefusedBeforeCognito(corbado.sign(claims(c -> c.setIssuer("pro-someone-else"))));
    }

    private static NumericDate now(long plusSeconds) {
        return NumericDate.fromSeconds(NumericDate.now().getValue() + plusSeconds);
    }

    /** Literal offsets, not the code's own skew constant: a skew raised to minutes would fail here. */
    @Test
    void refusesExpiredData() {
        assertRefusedBeforeCognito(corbado.sign(claims(c -> {
            c.setIssuedAt(now(-300));
            c.setExpirationTime(now(-90));
        })));
    }

    @Test
    void refusesDataNotValidYet() {
        assertRefusedBeforeCognito(corbado.sign(claims(c -> c.setNotBefore(now(90)))));
    }

    /** signedPasskeyData is short-lived: an expiry more than a day ahead is refused (25 h, not only absurd values). */
    @Test
    void refusesDataExpiringMoreThanADayAhead() {
        assertRefusedBeforeCognito(corbado.sign(claims(c -> c.setExpirationTime(now(25 * 3600)))));
    }

    @Test
    void refusesDataIssuedMoreThanADayAgo() {
        assertRefusedBeforeCognito(corbado.sign(claims(c -> {
            c.setIssuedAt(now(-25 * 3600));
            c.setExpirationTime(now(300));
        })));
    }

    @Test
    void refusesDataIssuedInTheFuture() {
        assertRefusedBeforeCognito(corbado.sign(claims(c -> c.setIssuedAt(now(300)))));
    }

    /** Within a day both ways it is the authority's (Corbado's) call: the local check passes it on to Cognito. */
    @Test
    void passesDataWithinADayOnToCognito() {
        int initiated = Emulator.calls("InitiateAuth");
        login(corbado.sign(claims(c -> c.setExpirationTime(now(23 * 3600))))).statusCode(200);
        login(corbado.sign(claims(c -> c.setIssuedAt(now(-23 * 3600))))).statusCode(200);
        assertEquals(initiated + 2, Emulator.calls("InitiateAuth"));
    }

    /** Data without an expiry is malformed (400), and never reaches Cognito or Corbado. */
    @Test
    void refusesDataWithoutExpiryAsMalformed() {
        int initiated = Emulator.calls("InitiateAuth");
        long verified = corbado.verifyCallCount();
        login(corbado.sign(claims(c -> c.unsetClaim("exp")))).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request"));
        assertEquals(initiated, Emulator.calls("InitiateAuth"));
        assertEquals(verified, corbado.verifyCallCount());
    }

    /**
     * Within the skew the local check lets data through to Cognito, whose verify trigger asks Corbado
     * (the authority; the stub allows no skew, hence 401 here).
     */
    @Test
    void passesDataWithinTheClockSkewOnToCognito() {
        int initiated = Emulator.calls("InitiateAuth");
        login(corbado.sign(claims(c -> c.setNotBefore(now(10))))).statusCode(401);
        login(corbado.sign(claims(c -> {
            c.setIssuedAt(now(-60));
            c.setExpirationTime(now(-10));
        }))).statusCode(401);
        assertEquals(initiated + 2, Emulator.calls("InitiateAuth"));
    }

    /** Dates past what java.time can hold once answered 500 (DateTimeException); each is a plain refusal now. */
    @ParameterizedTest
    @ValueSource(strings = {"exp", "nbf", "iat"})
    void answersAbsurdDatesWith4xx(String claim) {
        for (String value : new String[] {"9223372036854775807", "1e18", "31556889864403199"}) {
            String json = claims().toJson().replaceFirst("\"" + claim + "\":-?\\d+", "\"" + claim + "\":" + value);
            assertTrue(json.contains("\"" + claim + "\":" + value), json);
            String signed = signRaw(json);
            int status = login(signed).statusCode(anyOf(equalTo(400), equalTo(401))).extract().statusCode();
            assertTrue(status == 400 || status == 401, claim + "=" + value);
            // Unsigned, the same value must not get further either.
            login(Tokens.tamper(signed, "jti", "jti-forged")).statusCode(anyOf(equalTo(400), equalTo(401)));
        }
    }

    /** Names Cognito cannot hold as a username: the ordinary 401, without asking Cognito (it would answer 4xx/5xx). */
    @ParameterizedTest
    @ValueSource(strings = {"with space", "control\\u0001char", "tab\\tchar", "lone\\ud800surrogate", "new\\nline",
            "nul\\u0000", "TOO_LONG"})
    void answersWebauthnIdsCognitoCannotHoldWithTheOrdinary401(String jsonEscapedId) {
        String id = jsonEscapedId.equals("TOO_LONG") ? "x".repeat(129) : jsonEscapedId;
        String json = claims(c -> c.setClaim("webauthnId", "WEBAUTHN_ID")).toJson().replace("WEBAUTHN_ID", id);
        assertRefusedBeforeCognito(signRaw(json));
    }

    /** Signs a payload exactly as written (JSON escapes and number spellings kept). */
    private String signRaw(String json) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(json);
            jws.setKey(corbado.signingKey().getPrivateKey());
            jws.setKeyIdHeaderValue(LocalCorbado.KEY_ID);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
