package app.passkeybff.corbado;

import app.passkeybff.lambda.corbado.FrontendApiKeySet;
import app.passkeybff.lambda.jwks.JwksDocuments;
import app.passkeybff.lambda.jwks.Rs256Keys;
import app.passkeybff.observability.UpstreamMetrics;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.resilience.NanoClock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The public keys of Corbado's Frontend API ({@code {frontendApiUrl}/.well-known/jwks}), which sign
 * signedPasskeyData. Kept in memory: fetched on first use, again on an unknown {@code kid} at most
 * every {@link #UNKNOWN_KID_REFETCH}, and when older than {@link #MAX_AGE}. Fetched with the JDK's
 * asynchronous HTTP client, so no event-loop thread ever waits for Corbado.
 */
@ApplicationScoped
public class FrontendApiKeys {

    static final Duration UNKNOWN_KID_REFETCH = Duration.ofSeconds(30);
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** After a failed fetch without any keys, requests fail fast (503) for this long instead of each fetching. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    static final String OPERATION = "frontendApiKeys";

    private record KeySet(String url, Map<String, PublicKey> keys, long fetchedAtNanos) {
    }

    private final CorbadoConfig config;
    private final UpstreamMetrics metrics;
    private final HttpClient http;
    /** {@link NanoClock} in the service; tests move their own, so none waits out a max age. */
    private final LongSupplier nanoClock;
    private final AtomicReference<KeySet> current = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<KeySet>> inFlight = new AtomicReference<>();
    private volatile long lastAttemptNanos;
    private volatile boolean lastAttemptFailed;

    @Inject
    public FrontendApiKeys(CorbadoConfig config, UpstreamMetrics metrics, NanoClock clock) {
        this(config, metrics, clock::nanoTime);
    }

    FrontendApiKeys(CorbadoConfig config, UpstreamMetrics metrics, LongSupplier nanoClock) {
        this.config = config;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** Where the key set of this project lives. */
    public String keySetUrl(String projectId) {
        return FrontendApiKeySet.url(config.frontendApiUrl(), projectId);
    }

    /**
     * The RS256 verification key named {@code kid}, or empty when the key set has no such key. Fails
     * with 503 {@code upstream_unavailable} when the key set cannot be fetched and none is cached.
     */
    public Uni<Optional<PublicKey>> key(String projectId, String kid) {
        String url = keySetUrl(projectId);
        KeySet cached = current.get();
        long now = nanoClock.getAsLong();
        if (cached != null && cached.url().equals(url)) {
            PublicKey key = cached.keys().get(kid);
            boolean fresh = now - cached.fetchedAtNanos() < MAX_AGE.toNanos();
            if (key != null && fresh) {
                return Uni.createFrom().item(Optional.of(key));
            }
            if (key == null && fresh && now - lastAttemptNanos < UNKNOWN_KID_REFETCH.toNanos()) {
                return Uni.createFrom().item(Optional.empty());
            }
        } else if (lastAttemptFailed && now - lastAttemptNanos < RETRY_AFTER_FAILURE.toNanos()) {
            return Uni.createFrom().failure(unavailable());
        }
        return metrics.timed(Corbado.BREAKER, OPERATION, () -> Uni.createFrom().completionStage(() -> fetch(url)))
                .map(fetched -> Optional.ofNullable(fetched.keys().get(kid)))
                .onFailure().recoverWithUni(failure -> {
                    // A cached set from before the failure still serves (Corbado's verifySignedData
                    // remains the authority); without one the login cannot be checked at all.
                    KeySet stale = current.get();
                    if (stale != null && stale.url().equals(url)) {
                        return Uni.createFrom().item(Optional.ofNullable(stale.keys().get(kid)));
                    }
                    return Uni.createFrom().failure(unavailable());
                });
    }

    /** One fetch at a time: concurrent callers share the one in flight. */
    private CompletableFuture<KeySet> fetch(String url) {
        CompletableFuture<KeySet> mine = new CompletableFuture<>();
        CompletableFuture<KeySet> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        lastAttemptNanos = nanoClock.getAsLong();
        JwksDocuments.get(http, URI.create(url), config.timeout())
                .thenApply(document -> new KeySet(url, Map.copyOf(Rs256Keys.of(document)), nanoClock.getAsLong()))
                .whenComplete((keys, failure) -> {
                    lastAttemptFailed = failure != null;
                    if (keys != null) {
                        current.set(keys);
                    }
                    inFlight.set(null);
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                    } else {
                        mine.complete(keys);
                    }
                });
        return mine;
    }

    private static ProblemException unavailable() {
        return ProblemException.upstreamUnavailable("Corbado's Frontend API key set is unreachable.");
    }
}
