package app.passkeybff.lambda.corbado;

import app.passkeybff.lambda.jwks.JwksDocuments;
import app.passkeybff.lambda.jwks.Rs256Keys;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Corbado's Frontend API key set as the verify trigger holds it: one per warm container, fetched on first
 * use (or by {@link #warm} in Lambda's init phase), again when older than {@link #MAX_AGE} or when a
 * {@code kid} is unknown (at most every {@link #UNKNOWN_KID_REFETCH}); a failed fetch keeps the last
 * good keys (and is retried after {@link #UNKNOWN_KID_REFETCH}, or {@link #RETRY_WITHOUT_KEYS} while
 * there are none). Each fetch is bounded by its timeout, so with the SSM read and Corbado's verifySignedData
 * the trigger stays within Cognito's 5 s. Blocking: a Lambda handles one event at a time.
 */
public class FrontendApiKeySet {

    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    public static final Duration UNKNOWN_KID_REFETCH = Duration.ofSeconds(30);
    public static final Duration RETRY_WITHOUT_KEYS = Duration.ofSeconds(1);

    private record Held(String url, Map<String, RSAPublicKey> keys, long fetchedAtNanos) {
    }

    private final Optional<String> frontendApiUrl;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final HttpClient http;
    private Held held;
    private long lastAttemptNanos;
    private boolean attempted;

    public FrontendApiKeySet(Optional<String> frontendApiUrl, Duration timeout, LongSupplier nanoTime) {
        this.frontendApiUrl = frontendApiUrl;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Where the key set of this project lives: {@code {frontendApiUrl}/.well-known/jwks}, by default
     * {@code https://{projectId}.frontendapi.cloud.corbado.io/.well-known/jwks}.
     */
    public static String url(Optional<String> frontendApiUrl, String projectId) {
        String base = frontendApiUrl.filter(url -> !url.isBlank())
                .orElse("https://" + projectId + ".frontendapi.cloud.corbado.io");
        return base.replaceAll("/+$", "") + "/.well-known/jwks";
    }

    /** The RS256 key {@code kid} names, fetching the set when needed; empty when there is none to be had. */
    public synchronized Optional<RSAPublicKey> key(String projectId, String kid) {
        String url = url(frontendApiUrl, projectId);
        long now = nanoTime.getAsLong();
        boolean sameSet = held != null && held.url().equals(url);
        boolean fresh = sameSet && now - held.fetchedAtNanos() < MAX_AGE.toNanos();
        RSAPublicKey key = sameSet ? held.keys().get(kid) : null;
        // Without keys of this set, a failed fetch is retried after a second; with them, after 30 s.
        Duration pause = sameSet ? UNKNOWN_KID_REFETCH : RETRY_WITHOUT_KEYS;
        boolean mayFetch = !attempted || now - lastAttemptNanos >= pause.toNanos();
        if ((key == null || !fresh) && mayFetch) {
            fetch(url, now);
            key = held != null && held.url().equals(url) ? held.keys().get(kid) : null;
        }
        return Optional.ofNullable(key);
    }

    /** Fetches the set ahead of the first event (Lambda's init phase); a failure only leaves it unfetched. */
    public synchronized void warm(String projectId) {
        if (held == null) {
            fetch(url(frontendApiUrl, projectId), nanoTime.getAsLong());
        }
    }

    private void fetch(String url, long now) {
        attempted = true;
        lastAttemptNanos = now;
        try {
            String document = JwksDocuments.get(http, URI.create(url), timeout).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            held = new Held(url, Rs256Keys.of(document), nanoTime.getAsLong());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Unreachable, slow or not a key set: the last good keys (if any) stay in use.
        }
    }
}
