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
        assertEquals("SignedPasskeyData[webauthnId=user-1, raw=***]", SignedPasskeyData.parse(raw).toString());
    }

    /** Key lookups the verifier made, as (project id, kid). */
    private final java.util.List<String> lookups = new java.util.ArrayList<>();

    /** The service's verifier on project {@link #PROJECT} with a key set holding {@code keys} by kid. */
    private SignedPasskeyDataVerifier verifier(java.util.Map<String, java.security.PublicKey> keys) {
        return new SignedPasskeyDataVerifier(() -> io.smallrye.mutiny.Uni.createFrom().item(PROJECT), (project, kid) -> {
            lookups.add(project + "/" + kid);
            return io.smallrye.mutiny.Uni.createFrom().item(java.util.Optional.ofNullable(keys.get(kid)));
        }, Clock.systemUTC());
    }

    /** The verifier's answer: the data, or the problem it failed with. */
    private static Object outcome(SignedPasskeyDataVerifier verifier, String raw) {
        SignedPasskeyData data = SignedPasskeyData.parse(raw);
        try {
            return verifier.verify(data).await().indefinitely();
        } catch (ProblemException e) {
            return e.status() + " " + e.code();
        }
    }

    @Test
    void serviceVerifierPassesGenuineDataAndLooksTheKeyUpByProjectAndKid() {
        String raw = sign(claims(c -> { }));
        assertEquals(SignedPasskeyData.parse(raw), outcome(verifier(java.util.Map.of("k1", KEY.getPublicKey())), raw));
        assertEquals(java.util.List.of(PROJECT + "/k1"), lookups);
    }

    @Test
    void serviceVerifierRefusesEveryForgeryWithTheSame401() throws Exception {
        String refused = "401 " + ProblemException.passkeyLoginFailed().code();
        String genuine = sign(claims(c -> { }));
        // A kid the key set does not have; a key that is not RSA under the right kid.
        assertEquals(refused, outcome(verifier(java.util.Map.of()), genuine));
        java.security.PublicKey ec = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        assertEquals(refused, outcome(verifier(java.util.Map.of("k1", ec)), genuine));
        // Another project's data, expired data, another key's signature.
        var keySet = java.util.Map.of("k1", KEY.getPublicKey());
        assertEquals(refused, outcome(verifier(keySet), sign(claims(c -> c.setIssuer("pro-other")))));
        assertEquals(refused, outcome(verifier(keySet), sign(claims(c -> c.setExpirationTime(now(-90))))));
        assertEquals(refused, outcome(verifier(java.util.Map.of("k1", RsaJwkGenerator.generateJwk(2048).getPublicKey())), genuine));
        assertEquals(5, lookups.size());
    }

    @Test
    void serviceVerifierLooksNoKeyUpForDataThatIsNotRs256() {
        JsonWebSignature hs = new JsonWebSignature();
        hs.setPayload(claims(c -> { }).toJson());
        hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs.setKeyIdHeaderValue("k1");
        hs.setKey(new HmacKey(new byte[32]));
        try {
            assertEquals("401 " + ProblemException.passkeyLoginFailed().code(),
                    outcome(verifier(java.util.Map.of("k1", KEY.getPublicKey())), hs.getCompactSerialization()));
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(java.util.List.of(), lookups);
    }
}

