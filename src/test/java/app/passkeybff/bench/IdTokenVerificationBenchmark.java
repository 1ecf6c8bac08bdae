package app.passkeybff.bench;

import app.passkeybff.auth.AuthConfig;
import app.passkeybff.auth.CachingJwtParser;
import app.passkeybff.auth.IdTokenUser;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.Set;

/**
 * ID-token verification as the service configures it (smallrye-jwt, RS256, JWKS already loaded =
 * warm cache, issuer and audience checks, then the Cognito checks of {@link IdTokenUser}); and the
 * same through the service's verified-token cache. Not part of the test run: bench/token-verification.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class IdTokenVerificationBenchmark {

    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench";
    private static final String CLIENT = "benchclient";

    private JWTParser fullVerification;
    private JWTParser cached;
    private String token;

    @Setup
    public void setUp() throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("bench-kid");
        key.setAlgorithm("RS256");
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(new JsonWebKeySet(key).toJson());
        info.setIssuedBy(ISSUER);
        info.setExpectedAudience(Set.of(CLIENT));
        info.setSignatureAlgorithm(SignatureAlgorithm.RS256);
        info.setClockSkew(30);
        info.setRequiredClaims(Set.of("token_use", "cognito:username"));
        fullVerification = new DefaultJWTParser(info);
        cached = new CachingJwtParser(info, new DefaultJWTCallerPrincipalFactory(), new AuthConfig() {
            @Override
            public int verifiedTokenCacheSize() {
                return 4096;
            }

            @Override
            public Duration verifiedTokenTtl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration jwksMaxAge() {
                return Duration.ofMinutes(5);
            }
        });

        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(CLIENT);
        claims.setSubject("7491fa5b-7e00-486a-90de-71af35572cb4");
        claims.setClaim("token_use", "id");
        claims.setClaim("cognito:username", "7491fa5b-7e00-486a-90de-71af35572cb4");
        claims.setClaim("email", "bench@example.com");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue("bench-kid");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        token = jws.getCompactSerialization();
    }

    @Benchmark
    public IdTokenUser verifyFully() throws Exception {
        return IdTokenUser.from(fullVerification.parse(token));
    }

    @Benchmark
    public IdTokenUser verifyThroughCache() throws Exception {
        return IdTokenUser.from(cached.parse(token));
    }
}
