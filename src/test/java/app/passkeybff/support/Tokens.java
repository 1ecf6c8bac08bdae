package app.passkeybff.support;

import app.passkeybff.local.LocalAws;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Cognito tokens for tests: real ones from the emulator's USER_PASSWORD_AUTH, and forged ones signed
 * with the emulator's own key (to vary one claim at a time) or with other keys and algorithms.
 */
public final class Tokens {

    private static RsaJsonWebKey emulatorKey;

    private Tokens() {
    }

    public static AuthenticationResultType signIn(String email, String password) {
        try (CognitoIdentityProviderClient cognito = LocalAwsResource.aws().cognito()) {
            var response = cognito.initiateAuth(b -> b.clientId(LocalAwsResource.seed().clientId())
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", email, "PASSWORD", password)));
            if (response.authenticationResult() == null) {
                throw new IllegalStateException(email + " got challenge " + response.challengeNameAsString()
                        + " instead of tokens: did a test switch on MFA for a shared user?");
            }
            return response.authenticationResult();
        }
    }

    public static String demoIdToken() {
        return signIn(LocalAws.DEMO_EMAIL, LocalAws.DEMO_PASSWORD).idToken();
    }

    /**
     * Claims like a fresh emulator ID token for the demo user. {@code sub} is a value of its own, as a
     * Cognito user's id is, never the username: code that read {@code sub} for the user would fail.
     */
    public static JwtClaims idTokenClaims() {
        LocalAws.Seed seed = LocalAwsResource.seed();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://cognito-idp.us-east-1.amazonaws.com/" + seed.userPoolId());
        claims.setSubject("sub-" + UUID.randomUUID());
        claims.setAudience(seed.clientId());
        claims.setClaim("token_use", "id");
        claims.setClaim("cognito:username", seed.demoUsername());
        claims.setClaim("email", LocalAws.DEMO_EMAIL);
        claims.setIssuedAtToNow();
        claims.setClaim("auth_time", claims.getClaimValue("iat"));
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    public static String signWithEmulatorKey(JwtClaims claims) {
        return sign(claims, emulatorKey(), "dummy");
    }

    public static String sign(JwtClaims claims, RsaJsonWebKey key, String kid) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(kid);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RsaJsonWebKey newRsaKey() {
        try {
            return RsaJwkGenerator.generateJwk(2048);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unsigned(JwtClaims claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"kid\":\"dummy\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The classic key-confusion forgery: HS256 keyed with the RSA public key's published bytes. */
    public static String hs256WithPublicKey(JwtClaims claims) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKeyIdHeaderValue("dummy");
            jws.setKey(new HmacKey(emulatorKey().toJson().getBytes(StandardCharsets.UTF_8)));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the payload of a real token, keeping its header and signature. */
    public static String tamper(String token, String claim, String value) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replaceFirst("\"" + claim + "\":\"[^\"]*\"", "\"" + claim + "\":\"" + value + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The private key moto signs every emulator token with (published as kid {@code dummy}). */
    public static synchronized RsaJsonWebKey emulatorKey() {
        if (emulatorKey == null) {
            try {
                // moto ships the key it signs every emulator token with; read it the way moto does.
                Process p = new ProcessBuilder("python3", "-c",
                        "import gzip, moto, os; print(gzip.open(os.path.join(os.path.dirname(moto.__file__), "
                                + "'cognitoidp', 'resources', 'jwks-private.json.gz'), 'rt').read())")
                        .start();
                String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                emulatorKey = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(json);
            } catch (IOException | org.jose4j.lang.JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        return emulatorKey;
    }
}
