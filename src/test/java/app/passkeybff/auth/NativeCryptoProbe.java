package app.passkeybff.auth;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import java.time.Duration;

/** NativeCryptoTest's child JVM: installs native crypto as the service does, then verifies one ID token. */
public final class NativeCryptoProbe {

    public static void main(String[] args) throws Exception {
        String provider = NativeCrypto.install(Boolean.parseBoolean(System.getProperty("probe.native-crypto", "true")));
        System.out.println("probe provider " + provider);
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("probe");
        String issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_probe";
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience("probe-client");
        claims.setSubject("probe-user");
        claims.setClaim("token_use", "id");
        claims.setClaim("cognito:username", "probe-user");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue("probe");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        CachingJwtParser parser = new CachingJwtParser(issuer, "probe-client", new PoolKeys(() -> jwks, Duration.ofMinutes(5)),
                0, Duration.ofMinutes(5));
        System.out.println("probe verified " + "probe-user".equals(IdTokenUser.from(parser.parse(jws.getCompactSerialization())).username()));
    }
}
