package app.passkeybff.login;

import app.passkeybff.lambda.corbado.SignedPasskeyDataCheck;
import app.passkeybff.problem.ProblemException;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local rules for signedPasskeyData, without the service around them: its shape ({@link SignedPasskeyData},
 * 400) and its signature and dates ({@link SignedPasskeyDataCheck}, shared with the verify trigger; 401). Offsets are literal seconds.
 * Over HTTP, with the same answer as an unknown user and no Cognito call: {@code ForgedPasskeyDataTest}.
 */
class SignedPasskeyDataRulesTest {

    private static final String PROJECT = "pro-rules";
    private static final RsaJsonWebKey KEY = rsaKey();

    private static RsaJsonWebKey rsaKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("k1");
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static NumericDate now(long plusSeconds) {
        return NumericDate.fromSeconds(NumericDate.now().getValue() + plusSeconds);
    }

    private static JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(PROJECT);
        claims.setIssuedAt(now(0));
        claims.setNotBefore(now(-60));
        claims.setExpirationTime(now(300));
        claims.setClaim("webauthnId", "user-1");
        claims.setClaim("username", "user-1");
        change.accept(claims);
        return claims;
    }

    private static String sign(JwtClaims claims) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(KEY.getPrivateKey());
            jws.setKeyIdHeaderValue("k1");
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean valid(Consumer<JwtClaims> change) {
        String raw = sign(claims(change));
        return SignedPasskeyDataCheck.valid(raw, (RSAPublicKey) KEY.getPublicKey(), PROJECT, Clock.systemUTC());
    }

    private static String withPayload(String json) {
        return "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void acceptsGenuineDataAndReadsItsWebauthnId() {
        assertTrue(valid(c -> { }));
        String raw = sign(claims(c -> { }));
        assertEquals(new SignedPasskeyData(raw, "user-1"), SignedPasskeyData.parse(raw));
    }

    @Test
    void refusesTheWrongIssuerOrKey() throws Exception {
        assertFalse(valid(c -> c.setIssuer("pro-other")));
        String raw = sign(claims(c -> { }));
        assertFalse(SignedPasskeyDataCheck.valid(raw, (RSAPublicKey) RsaJwkGenerator.generateJwk(2048).getPublicKey(),
                PROJECT, Clock.systemUTC()));
    }

    @Test
    void refusesExpiredOrNotYetValidDataBeyondTheSkew() {
        assertFalse(valid(c -> c.setExpirationTime(now(-90))));
        assertTrue(valid(c -> {
            c.setIssuedAt(now(-60));
            c.setExpirationTime(now(-10));
        }), "10 s past expiry is within the skew");
        assertFalse(valid(c -> c.setNotBefore(now(90))));
        assertTrue(valid(c -> c.setNotBefore(now(10))), "10 s early is within the skew");
    }

    @Test
    void refusesDatesMoreThanADayAwayOrIssuedInTheFuture() {
        assertFalse(valid(c -> c.setExpirationTime(now(25 * 3600))));
        assertTrue(valid(c -> c.setExpirationTime(now(23 * 3600))));
        assertFalse(valid(c -> c.setIssuedAt(now(-25 * 3600))));
        assertTrue(valid(c -> c.setIssuedAt(now(-23 * 3600))));
        assertFalse(valid(c -> c.setIssuedAt(now(300))));
        assertFalse(valid(c -> c.unsetClaim("exp")));
        assertFalse(valid(c -> c.setClaim("exp", 9223372036854775807L)));
    }

    @Test
    void takesOnlyRs256() throws Exception {
        assertTrue(SignedPasskeyDataCheck.rs256KeyId(sign(claims(c -> { }))).isPresent());
        JsonWebSignature hs = new JsonWebSignature();
        hs.setPayload(claims(c -> { }).toJson());
        hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs.setKey(new HmacKey(new byte[32]));
        assertTrue(SignedPasskeyDataCheck.rs256KeyId(hs.getCompactSerialization()).isEmpty());
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(SignedPasskeyDataCheck.rs256KeyId(none + ".e30.c2ln").isEmpty());
        assertTrue(SignedPasskeyDataCheck.rs256KeyId("bm90LWpzb24.e30.c2ln").isEmpty());
    }

    @Test
    void refusesAShapeWithoutAUsableWebauthnIdOrExpiryAsMalformed() {
        for (String payload : new String[]{"{\"exp\":4102444800}", "{\"webauthnId\":\" \",\"exp\":4102444800}",
                "{\"webauthnId\":5,\"exp\":4102444800}", "{\"webauthnId\":\"u\"}", "{\"webauthnId\":\"u\",\"exp\":\"soon\"}",
                "[1]", "not json", "null"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> SignedPasskeyData.parse(withPayload(payload)), payload);
            assertEquals(400, refused.status(), payload);
            assertEquals("invalid_request", refused.code());
        }
    }

    @Test
    void neverShowsTheRawDataInItsToString() {
        String raw = sign(claims(c -> { }));
        assertFalse(SignedPasskeyData.parse(raw).toString().contains(raw.substring(raw.lastIndexOf('.') + 1)));
    }
}
