package app.passkeybff.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * smallrye-jwt's parser with a small cache of tokens it has already verified. An SPA sends the same
 * ID token for up to an hour, and full verification (JSON parsing, RSA) was the largest share of a
 * request's CPU. A token is served from the cache only if it is byte-for-byte the verified one, not
 * past its {@code exp}, and verified less than {@code auth.verified-token-ttl} ago (so a key removed
 * from the JWKS stops working within that time). Failures are never cached.
 *
 * <p>A key removed from the pool's JWKS stops being trusted within {@code auth.jwks-max-age} (5 min):
 * the parser, and with it smallrye-jwt's cached key set, is replaced by a fresh one that age, and the
 * verified tokens go with it. smallrye's own refresh interval cannot promise this alone, because
 * jose4j lets a {@code Cache-Control: max-age} of the JWKS response override it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    /** One key set's lifetime: the parser that caches it and the tokens verified with it. */
    private record Generation(JWTParser parser, long startedNanos, ConcurrentHashMap<String, Verified> verified) {
    }

    private final JWTAuthContextInfo info;
    private final int maxEntries;
    private final long ttlMillis;
    private final long keySetMaxAgeNanos;
    private volatile Generation generation;

    public CachingJwtParser(JWTAuthContextInfo info, JWTCallerPrincipalFactory factory, AuthConfig config) {
        this.info = info;
        this.maxEntries = config.verifiedTokenCacheSize();
        this.ttlMillis = config.verifiedTokenTtl().toMillis();
        this.keySetMaxAgeNanos = config.jwksMaxAge().toNanos();
        this.generation = new Generation(new DefaultJWTParser(info, factory), System.nanoTime(), new ConcurrentHashMap<>());
    }

    private Generation current() {
        Generation current = generation;
        long now = System.nanoTime();
        if (now - current.startedNanos() < keySetMaxAgeNanos) {
            return current;
        }
        synchronized (this) {
            if (now - generation.startedNanos() >= keySetMaxAgeNanos) {
                // A new factory has a new key resolver: the next verification fetches the JWKS afresh.
                generation = new Generation(new DefaultJWTParser(info, new DefaultJWTCallerPrincipalFactory()), now,
                        new ConcurrentHashMap<>());
            }
            return generation;
        }
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Generation current = current();
        ConcurrentHashMap<String, Verified> verified = current.verified();
        Verified hit = token == null ? null : verified.get(token);
        if (hit != null && hit.validUntilMillis() > now) {
            return hit.token();
        }
        JsonWebToken fresh = current.parser().parse(token);
        if (maxEntries > 0) {
            long expiresMillis = fresh.getExpirationTime() * 1000;
            if (verified.size() >= maxEntries) {
                verified.values().removeIf(entry -> entry.validUntilMillis() <= now);
                if (verified.size() >= maxEntries) {
                    verified.clear();
                }
            }
            verified.put(token, new Verified(fresh, Math.min(expiresMillis, now + ttlMillis)));
        }
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return current().parser().parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return current().parser().verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return current().parser().verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return current().parser().verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return current().parser().decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return current().parser().decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return current().parser().decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return current().parser().parseOnly(token);
    }
}
