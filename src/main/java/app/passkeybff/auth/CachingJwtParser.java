package app.passkeybff.auth;

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
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final JWTParser delegate;
    private final int maxEntries;
    private final long ttlMillis;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public CachingJwtParser(JWTAuthContextInfo info, JWTCallerPrincipalFactory factory, AuthConfig config) {
        this.delegate = new DefaultJWTParser(info, factory);
        this.maxEntries = config.verifiedTokenCacheSize();
        this.ttlMillis = config.verifiedTokenTtl().toMillis();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified hit = token == null ? null : verified.get(token);
        if (hit != null && hit.validUntilMillis() > now) {
            return hit.token();
        }
        JsonWebToken fresh = delegate.parse(token);
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
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
