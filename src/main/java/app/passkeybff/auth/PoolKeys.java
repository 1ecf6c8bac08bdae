package app.passkeybff.auth;

import app.passkeybff.cognito.CognitoConfig;
import app.passkeybff.lambda.jwks.JwksDocuments;
import app.passkeybff.lambda.jwks.Rs256Keys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The public keys of the user pool's JWKS that verify ID tokens, held in memory. Reading them never does
 * I/O: {@link #key} answers from the set held, and when a token needs a fetch first it says so
 * ({@link FetchFirst}) and the caller waits for {@link #refresh()}, an asynchronous fetch (the JDK's
 * {@code sendAsync}) that concurrent callers share. No thread, least of all an event loop, waits for the
 * JWKS.
 *
 * <p>Fetched at start-up and again on a timer, independent of traffic, whenever the set held is half its
 * max age old, so the set in force does not expire during a quiet period while the JWKS is reachable. A
 * set is trusted for {@code auth.jwks-max-age} (5 min) from the moment its fetch began and never used
 * after that, so a key removed from the pool stops verifying within that bound. A token waits for a
 * fetch when no set is trusted (not more often than every {@link #RETRY_AFTER_FAILURE} after a failed
 * fetch: meanwhile tokens are refused), when its {@code kid} is unknown (at most every
 * {@link #UNKNOWN_KID_REFETCH} since the last fetch: a rotated pool key works without waiting for the
 * timer), or when a fetch is under way anyway. A failed fetch keeps a still-trusted set; after a failure
 * the timer tries again sooner ({@link #retryDelayNanos}). Every fetch is counted in
 * {@code passkey_bff_jwks_fetches_total{outcome}}.
 */
@ApplicationScoped
public class PoolKeys {

    static final Duration UNKNOWN_KID_REFETCH = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Duration LONGEST_TIMER_RETRY = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(PoolKeys.class);

    /** One fetched key set: RS256 signing keys by {@code kid}. Compared by identity to tell sets apart. */
    public static final class KeySet {
        private final Map<String, RSAPublicKey> keys;
        private final long fetchedAtNanos;
        private final Instant fetchedAt;

        KeySet(Map<String, RSAPublicKey> keys, long fetchedAtNanos, Instant fetchedAt) {
            this.keys = keys;
            this.fetchedAtNanos = fetchedAtNanos;
            this.fetchedAt = fetchedAt;
        }

        /** When the fetch that brought this set began. */
        Instant fetchedAt() {
            return fetchedAt;
        }
    }

    /**
     * Thrown by {@link #key} when the token's key may come with a fetch: the caller waits for
     * {@link #refresh()} (without blocking) and tries once more. A control signal, so without a stack trace.
     */
    static final class FetchFirst extends RuntimeException {
        static final FetchFirst INSTANCE = new FetchFirst();

        private FetchFirst() {
            super("the key set must be fetched first", null, false, false);
        }
    }

    /** Reads the JWKS document once; the stage fails when it cannot be read. */
    @FunctionalInterface
    interface Source {
        CompletionStage<String> fetch();
    }

    private final Source source;
    private final String url;
    private final long maxAgeNanos;
    private final long unknownKidRefetchNanos;
    private final MeterRegistry registry;
    private final Vertx vertx;
    /** {@link System#nanoTime()} in the service; tests pass a clock they move, so no test waits out a max age. */
    private final LongSupplier nanoClock;
    private volatile KeySet current;
    private volatile long lastAttemptNanos;
    private volatile boolean lastAttemptFailed;
    private final AtomicReference<CompletableFuture<KeySet>> inFlight = new AtomicReference<>();
    private volatile long timerId = -1;
    private volatile boolean stopped;

    @Inject
    public PoolKeys(CognitoConfig cognito, AuthConfig auth, MeterRegistry registry, Vertx vertx) {
        this(http(URI.create(cognito.jwksUrl()), cognito.timeout()), cognito.jwksUrl(), auth.jwksMaxAge(),
                UNKNOWN_KID_REFETCH, registry, vertx, System::nanoTime);
    }

    /**
     * For benchmarks and tests: keys read from {@code source} (a JWKS document; throws when it cannot be
     * read) in the thread that needs them, trusted for {@code maxAge}; no timer, nothing counted.
     */
    public PoolKeys(Supplier<String> source, Duration maxAge) {
        this(synchronous(source), "memory", maxAge, UNKNOWN_KID_REFETCH, null, null, System::nanoTime);
    }

    PoolKeys(Source source, String url, Duration maxAge, Duration unknownKidRefetch, MeterRegistry registry, Vertx vertx,
             LongSupplier nanoClock) {
        this.source = source;
        this.url = url;
        this.maxAgeNanos = maxAge.toNanos();
        this.unknownKidRefetchNanos = unknownKidRefetch.toNanos();
        this.registry = registry;
        this.vertx = vertx;
        this.nanoClock = nanoClock;
    }

    // After the local emulators (dev mode) have started, which observe with a lower priority value.
    void onStart(@Observes @Priority(2000) StartupEvent event) {
        refreshOnSchedule();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Where the key set is read from. */
    String url() {
        return url;
    }

    /** The key set in force, or null when none was fetched or it is older than the max age. */
    KeySet trusted() {
        KeySet set = current;
        return set != null && nanoClock.getAsLong() - set.fetchedAtNanos < maxAgeNanos ? set : null;
    }

    /** The last set fetched, trusted or not (for readiness details), or null. */
    KeySet last() {
        return current;
    }

    /**
     * The RS256 key named {@code kid} in the set held, or null (unknown kid, or no trusted set and none to
     * be had now). Never does I/O; throws {@link FetchFirst} when a fetch may bring the key.
     */
    RSAPublicKey key(String kid) {
        if (kid == null) {
            return null;
        }
        KeySet set = trusted();
        RSAPublicKey key = set == null ? null : set.keys.get(kid);
        if (key == null && fetchWorthWaitingFor(set)) {
            throw FetchFirst.INSTANCE;
        }
        return key;
    }

    /** The RS256 key named {@code kid} in the set held, or null: after a fetch, with no further one. */
    RSAPublicKey heldKey(String kid) {
        KeySet set = trusted();
        return set == null || kid == null ? null : set.keys.get(kid);
    }

    private boolean fetchWorthWaitingFor(KeySet set) {
        if (inFlight.get() != null) {
            return true;
        }
        long sinceLastAttempt = nanoClock.getAsLong() - lastAttemptNanos;
        if (set == null) {
            return !lastAttemptFailed || sinceLastAttempt >= RETRY_AFTER_FAILURE.toNanos();
        }
        return sinceLastAttempt >= unknownKidRefetchNanos;
    }

    /** A fetch as a request would start one now (readiness): the one under way, a new one, or none yet. */
    CompletableFuture<KeySet> refreshIfDue() {
        return fetchWorthWaitingFor(trusted()) ? refresh() : CompletableFuture.completedFuture(trusted());
    }

    /**
     * Joins the fetch under way or starts one. Completes, never exceptionally, with the set trusted
     * afterwards (the new one, or after a failure the one still trusted), or null. With a synchronous
     * source it is complete on return.
     */
    CompletableFuture<KeySet> refresh() {
        CompletableFuture<KeySet> mine = new CompletableFuture<>();
        CompletableFuture<KeySet> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        long started = nanoClock.getAsLong();
        Instant startedAt = Instant.now();
        lastAttemptNanos = started;
        CompletionStage<String> fetch;
        try {
            fetch = source.fetch();
        } catch (RuntimeException e) {
            fetch = CompletableFuture.failedFuture(e);
        }
        fetch.whenComplete((document, failure) -> {
            Throwable problem = failure;
            if (problem == null) {
                try {
                    current = new KeySet(Rs256Keys.of(document), started, startedAt);
                } catch (RuntimeException e) {
                    problem = e;
                }
            }
            lastAttemptFailed = problem != null;
            if (registry != null) {
                registry.counter("passkey.bff.jwks.fetches", "outcome", problem == null ? "success" : "failure").increment();
            }
            if (problem != null) {
                LOG.warnf("The user pool's JWKS could not be read (%s); %s", describe(problem),
                        trusted() != null ? "the last key set stays in force" : "ID tokens are refused until it can");
            }
            inFlight.set(null);
            mine.complete(trusted());
        });
        return mine;
    }

    /** Fetches now, then again when the set is half its max age old (sooner after a failure). */
    private void refreshOnSchedule() {
        refresh().whenComplete((set, ignored) -> {
            if (stopped) {
                return;
            }
            long delayNanos = set == null || lastAttemptFailed ? retryDelayNanos()
                    : set.fetchedAtNanos + maxAgeNanos / 2 - nanoClock.getAsLong();
            timerId = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos)), id -> refreshOnSchedule());
        });
    }

    /** After a failed fetch: a quarter of the max age, between one and five seconds. */
    private long retryDelayNanos() {
        return Math.max(RETRY_AFTER_FAILURE.toNanos(), Math.min(maxAgeNanos / 4, LONGEST_TIMER_RETRY.toNanos()));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof IllegalStateException && cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    private static Source synchronous(Supplier<String> source) {
        return () -> {
            try {
                return CompletableFuture.completedFuture(source.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    private static Source http(URI jwks, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        return () -> JwksDocuments.get(client, jwks, timeout);
    }
}
