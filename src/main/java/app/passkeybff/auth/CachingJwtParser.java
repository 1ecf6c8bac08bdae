package app.passkeybff.auth;

import app.passkeybff.cognito.CognitoConfig;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import com.auth0.jwt.interfaces.Verification;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Verifies Cognito ID tokens for quarkus-smallrye-jwt's {@code @Authenticated} and injected
 * {@link JsonWebToken}, called by {@link IdTokenIdentityProvider} (and in place of smallrye-jwt's own
 * parser, so nothing falls back to it): RS256 only, signed by the key its
 * {@code kid} names in the pool's JWKS ({@link PoolKeys}), {@code iss} = the pool, {@code aud} = the app
 * client, {@code exp} and {@code iat} required and {@code exp}/{@code nbf}/{@code iat} checked with
 * {@value #CLOCK_SKEW_SECONDS} s skew, {@code token_use} and {@code cognito:username} present (their values
 * are {@link IdTokenUser}'s to check). Auth0's java-jwt does the parsing and checks (Jackson for the JSON,
 * the JDK's Base64), and the JCA's first {@code SHA256withRSA} the signature ({@link NativeCrypto}): full
 * verification of a distinct token costs about one RSA verify, where smallrye-jwt's parser (jose4j's JSON
 * and Base64, then a conversion of every claim to JSON-P) cost as much again.
 *
 * <p>In front of it, a small cache of tokens already verified: an SPA sends the same ID token for up to
 * an hour. A token is served from it only if byte for byte the verified one, not past its {@code exp},
 * verified less than {@code auth.verified-token-ttl} ago and with the key set still in force (a key set
 * older than {@code auth.jwks-max-age} or replaced by a fetch ends every entry verified with it, so a key
 * removed from the JWKS stops working within that bound). Failures are never cached.
 *
 * <p>Verification itself never does I/O: the keys come from {@link PoolKeys}' memory. A token that needs
 * the key set fetched first is {@link #verifyAfterFetch verified after that fetch}, waited for as a
 * {@link Uni}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    static final int CLOCK_SKEW_SECONDS = 30;

    private record Verified(JsonWebToken token, long validUntilMillis, PoolKeys.KeySet keySet) {
    }

    private final PoolKeys keys;
    private final JWTVerifier verifier;
    private final JWTVerifier afterFetch;
    private final int maxEntries;
    private final long ttlMillis;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public CachingJwtParser(CognitoConfig cognito, AuthConfig config, PoolKeys keys) {
        this(cognito.issuer(), cognito.clientId(), keys, config.verifiedTokenCacheSize(), config.verifiedTokenTtl());
    }

    /** For benchmarks and tests: {@code cacheSize} 0 verifies every token in full. */
    public CachingJwtParser(String issuer, String clientId, PoolKeys keys, int cacheSize, Duration ttl) {
        this.keys = keys;
        this.maxEntries = cacheSize;
        this.ttlMillis = ttl.toMillis();
        this.verifier = rules(JWT.require(Algorithm.RSA256(new KeyLookup(keys::key))), issuer, clientId);
        this.afterFetch = rules(JWT.require(Algorithm.RSA256(new KeyLookup(keys::heldKey))), issuer, clientId);
    }

    private static JWTVerifier rules(Verification verification, String issuer, String clientId) {
        return verification
                .withIssuer(issuer)
                .withAudience(clientId)
                .withClaimPresence("exp")
                .withClaimPresence("iat")
                .withClaimPresence("token_use")
                .withClaimPresence("cognito:username")
                .acceptLeeway(CLOCK_SKEW_SECONDS)
                .build();
    }

    /**
     * Verifies with the key set held, fetching nothing. Throws {@link PoolKeys.FetchFirst} when the token
     * may verify once the key set is fetched: then {@link #verifyAfterFetch}.
     */
    JsonWebToken verifyHeld(String token) throws ParseException {
        return verify(token, verifier);
    }

    /**
     * Waits for the key set's fetch without blocking, then verifies with the set held after it (no further
     * fetch). Continues on the Vert.x context of the subscriber (the request's), like a synchronous verify.
     */
    Uni<JsonWebToken> verifyAfterFetch(String token) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            keys.refresh().whenComplete((set, never) -> {
                if (context == null) {
                    completeAfterFetch(token, emitter);
                } else {
                    context.runOnContext(ignored -> completeAfterFetch(token, emitter));
                }
            });
        });
    }

    private void completeAfterFetch(String token, UniEmitter<? super JsonWebToken> emitter) {
        try {
            emitter.complete(verify(token, afterFetch));
        } catch (ParseException e) {
            emitter.fail(e);
        }
    }

    /**
     * smallrye-jwt's entry point, for benchmarks and tests (the service verifies through
     * {@link IdTokenIdentityProvider}). Never waits: when the key set must be fetched first, the fetch is
     * started (or joined) and the token refused unless it is already done (a synchronous source).
     */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        try {
            return verify(token, verifier);
        } catch (PoolKeys.FetchFirst pending) {
            if (!keys.refresh().isDone()) {
                throw new ParseException("ID token refused (the key set is being fetched)");
            }
            return verify(token, afterFetch);
        }
    }

    private JsonWebToken verify(String token, JWTVerifier with) throws ParseException {
        if (token == null) {
            throw new ParseException("no token");
        }
        long now = System.currentTimeMillis();
        PoolKeys.KeySet keySet = keys.trusted();
        Verified hit = verified.get(token);
        if (hit != null && hit.validUntilMillis() > now && hit.keySet() == keySet && keySet != null) {
            return hit.token();
        }
        JsonWebToken fresh;
        try {
            fresh = new IdToken(token, with.verify(token));
        } catch (PoolKeys.FetchFirst pending) {
            throw pending;
        } catch (RuntimeException e) {
            // The library's message may quote the token's JSON: only its kind leaves here.
            throw new ParseException("ID token refused (" + e.getClass().getSimpleName() + ")");
        }
        // Cached only when verified with the set that was in force before (not with one fetched meanwhile).
        if (maxEntries > 0 && keySet != null && keys.trusted() == keySet) {
            long expiresMillis = fresh.getExpirationTime() * 1000;
            if (verified.size() >= maxEntries) {
                verified.values().removeIf(entry -> entry.validUntilMillis() <= now || entry.keySet() != keySet);
                if (verified.size() >= maxEntries) {
                    verified.clear();
                }
            }
            verified.put(token, new Verified(fresh, Math.min(expiresMillis, now + ttlMillis), keySet));
        }
        return fresh;
    }

    /**
     * The pool's keys by {@code kid} for java-jwt's RS256, read from memory: {@link PoolKeys#key} (which may
     * ask for a fetch first) or {@link PoolKeys#heldKey} (after a fetch, never asking for another).
     */
    private record KeyLookup(Function<String, RSAPublicKey> byKid) implements RSAKeyProvider {
        @Override
        public RSAPublicKey getPublicKeyById(String kid) {
            return byKid.apply(kid);
        }

        @Override
        public RSAPrivateKey getPrivateKey() {
            return null;
        }

        @Override
        public String getPrivateKeyId() {
            return null;
        }
    }

    // MpJwtValidator would call parse(String) only; the rest of smallrye's parser API (other keys, secrets,
    // encrypted tokens) has no use here and is refused.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        throw unsupported();
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        throw unsupported();
    }

    private static ParseException unsupported() {
        return new ParseException("only Cognito ID tokens of the configured pool are accepted");
    }
}
