package app.passkeybff.bench;

import app.passkeybff.auth.CachingJwtParser;
import app.passkeybff.auth.IdTokenUser;
import app.passkeybff.auth.NativeCrypto;
import app.passkeybff.auth.PoolKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * ID-token verification per core with a warm JWKS, on the token pool of {@link BenchTokens} (distinct
 * tokens, cycled, so nothing can be served from a cache unless the benchmark says so):
 * <ul>
 *   <li>{@code verifyFully}: the service's parser ({@link CachingJwtParser}) with its verified-token cache
 *   off, then the Cognito checks of {@link IdTokenUser}: what every distinct token costs;</li>
 *   <li>{@code verifyWithSmallrye}: smallrye-jwt's own {@link DefaultJWTParser} with the same rules, the
 *   path the service had before (for comparison in the same run);</li>
 *   <li>{@code verifyThroughCache}: one token again and again through the cache;</li>
 *   <li>{@code rsaVerifyOnly}: the bare SHA256withRSA verify of each token's signature, the floor.</li>
 * </ul>
 * Not part of the test run: bench/token-verification.sh runs it beside aws-jwt-verify.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class IdTokenVerificationBenchmark {

    private JWTParser service;
    private JWTParser cached;
    private JWTParser smallrye;
    private String[] tokens;
    private byte[][] signingInputs;
    private byte[][] signatures;
    private Signature rsa;
    private int next;

    @Setup
    public void setUp() throws Exception {
        // As the service does at start-up (-Dbench.jdk-crypto=true: the JDK's providers only).
        System.out.println("RS256 verified by " + NativeCrypto.install(!Boolean.getBoolean("bench.jdk-crypto")));
        BenchTokens pool = BenchTokens.fromPropertyOrGenerate(2000);
        tokens = pool.tokens().toArray(String[]::new);
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(pool.jwks());
        info.setIssuedBy(pool.issuer());
        info.setExpectedAudience(Set.of(pool.clientId()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setClockSkew(30);
        info.setRequiredClaims(Set.of("token_use", "cognito:username"));
        PoolKeys keys = new PoolKeys(pool::jwks, Duration.ofHours(1));
        service = new CachingJwtParser(pool.issuer(), pool.clientId(), keys, 0, Duration.ofMinutes(5));
        cached = new CachingJwtParser(pool.issuer(), pool.clientId(), keys, 4096, Duration.ofMinutes(5));
        smallrye = new DefaultJWTParser(info);

        List<org.jose4j.jwk.JsonWebKey> jwks = new JsonWebKeySet(pool.jwks()).getJsonWebKeys();
        PublicKey key = ((PublicJsonWebKey) jwks.get(0)).getPublicKey();
        rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        signingInputs = new byte[tokens.length][];
        signatures = new byte[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            int dot = tokens[i].lastIndexOf('.');
            signingInputs[i] = tokens[i].substring(0, dot).getBytes(StandardCharsets.US_ASCII);
            signatures[i] = Base64.getUrlDecoder().decode(tokens[i].substring(dot + 1));
        }
        // Warm the key sets (the JWKS is parsed on first use) and prove every path accepts the pool.
        IdTokenUser.from(service.parse(tokens[0]));
        IdTokenUser.from(cached.parse(tokens[0]));
        IdTokenUser.from(smallrye.parse(tokens[0]));
        if (!rsaVerifyOnly()) {
            throw new IllegalStateException("the pool's signature does not verify");
        }
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == tokens.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public IdTokenUser verifyFully() throws Exception {
        return IdTokenUser.from(service.parse(tokens[nextIndex()]));
    }

    @Benchmark
    public IdTokenUser verifyWithSmallrye() throws Exception {
        return IdTokenUser.from(smallrye.parse(tokens[nextIndex()]));
    }

    @Benchmark
    public IdTokenUser verifyThroughCache() throws Exception {
        return IdTokenUser.from(cached.parse(tokens[0]));
    }

    @Benchmark
    public boolean rsaVerifyOnly() throws Exception {
        int i = nextIndex();
        rsa.update(signingInputs[i]);
        return rsa.verify(signatures[i]);
    }
}
