package app.passkeybff.auth;

import app.passkeybff.cognito.CognitoConfig;
import app.passkeybff.jwks.Rs256Keys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The public keys of the user pool's JWKS that verify ID tokens. Fetched on first use; trusted for
 * {@code auth.jwks-max-age} (5 min), after which the set is fetched again before any token is accepted,
 * so a key removed from the pool stops verifying within that bound. Under traffic no request waits for
 * that: once a set is three quarters of its max age old, the next request starts a fetch in the
 * background and goes on with the set in force. Fetched again on an unknown {@code kid}
 * at most every {@link #UNKNOWN_KID_REFETCH} (a rotated pool key is picked up without waiting for the age).
 * A failed fetch keeps a still-trusted set; without one, tokens are refused (401) and the next fetch is
 * tried after {@link #RETRY_AFTER_FAILURE}, so an unreachable JWKS is not fetched once per request.
 */
@ApplicationScoped
public class PoolKeys {

    static final Duration UNKNOWN_KID_REFETCH = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(PoolKeys.class);

    /** One fetched key set: RS256 signing keys by {@code kid}. Compared by identity to tell sets apart. */
    public static final class KeySet {
        private final Map<String, RSAPublicKey> keys;
        private final long fetchedAtNanos;

        KeySet(Map<String, RSAPublicKey> keys, long fetchedAtNanos) {
            this.keys = keys;
            this.fetchedAtNanos = fetchedAtNanos;
        }
    }

    private final Supplier<String> source;
    private final long maxAgeNanos;
    private volatile KeySet current;
    private volatile long lastAttemptNanos;
    private volatile boolean lastAttemptFailed;
    private final AtomicBoolean refreshingAhead = new AtomicBoolean();

    @Inject
    public PoolKeys(CognitoConfig cognito, AuthConfig auth) {
        this(http(URI.create(cognito.jwksUrl()), cognito.timeout()), auth.jwksMaxAge());
    }

    /** Keys read from {@code source} (a JWKS document; throws when it cannot be read), trusted for {@code maxAge}. */
    public PoolKeys(Supplier<String> source, Duration maxAge) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The key set in force, or null when none was fetched or it is older than the max age. */
    KeySet trusted() {
        KeySet set = current;
        return set != null && System.nanoTime() - set.fetchedAtNanos < maxAgeNanos ? set : null;
    }

    /** The RS256 key named {@code kid}, or null (unknown kid, or no trusted key set could be had). */
    RSAPublicKey key(String kid) {
        if (kid == null) {
            return null;
        }
        KeySet set = trusted();
        if (set != null) {
            if (System.nanoTime() - set.fetchedAtNanos >= maxAgeNanos / 4 * 3 && refreshingAhead.compareAndSet(false, true)) {
                KeySet seen = set;
                CompletableFuture.runAsync(() -> refresh(seen)).whenComplete((done, failure) -> refreshingAhead.set(false));
            }
            RSAPublicKey key = set.keys.get(kid);
            if (key != null || System.nanoTime() - lastAttemptNanos < UNKNOWN_KID_REFETCH.toNanos()) {
                return key;
            }
        }
        set = refresh(set);
        return set == null ? null : set.keys.get(kid);
    }

    /** One fetch at a time; a caller that waited here uses the set another caller fetched meanwhile. */
    private synchronized KeySet refresh(KeySet seen) {
        KeySet now = trusted();
        if (now != null && now != seen) {
            return now;
        }
        if (lastAttemptFailed && System.nanoTime() - lastAttemptNanos < RETRY_AFTER_FAILURE.toNanos()) {
            return now;
        }
        lastAttemptNanos = System.nanoTime();
        try {
            current = new KeySet(Rs256Keys.of(source.get()), System.nanoTime());
            lastAttemptFailed = false;
        } catch (RuntimeException e) {
            lastAttemptFailed = true;
            LOG.warnf("The user pool's JWKS could not be read (%s); %s", e.getMessage(),
                    now != null ? "the last key set stays in force" : "ID tokens are refused until it can");
        }
        return trusted();
    }

    private static Supplier<String> http(URI jwks, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(jwks).timeout(timeout).header("Accept", "application/json").GET().build();
        return () -> {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
                return response.body();
            } catch (IOException e) {
                throw new IllegalStateException(e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        };
    }
}
