package app.passkeybff.secrets;

import app.passkeybff.lambda.corbado.CorbadoCredentials;
import app.passkeybff.lambda.secrets.SecretParameters;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.resilience.NanoClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.annotation.Priority;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The secrets the service needs, read from SSM SecureString parameters, kept in memory and
 * re-read on a schedule. Until the first load succeeds the service is not ready and every call
 * that needs a secret answers 503. Metrics: {@code passkey_bff_secrets_loaded} (1 once loaded) and
 * {@code passkey_bff_secrets_loads_total{outcome="success"|"failure"}} (every read of SSM).
 */
@ApplicationScoped
public class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class);
    private static final long FAIL_FAST_NANOS = 1_000_000_000L;

    /** What was loaded; {@code toString} stays redacted. */
    public record Loaded(CorbadoCredentials corbado, String actionsSecret, Instant loadedAt) {
        @Override
        public String toString() {
            return "Secrets.Loaded[" + corbado + ", actionsSecret=***, loadedAt=" + loadedAt + "]";
        }
    }

    private final SsmAsyncClient ssm;
    private final SecretsConfig config;
    private final Vertx vertx;
    /** {@link NanoClock} in the service; a test moves its own to prove the fail-fast pause. */
    private final LongSupplier nanoClock;
    private final List<String> names;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private volatile String lastError = "not loaded yet";
    private volatile long lastFailureNanos;
    private volatile long timerId = -1;
    private final Counter loads;
    private final Counter failedLoads;

    @Inject
    public Secrets(SsmAsyncClient ssm, SecretsConfig config, Vertx vertx, MeterRegistry registry, NanoClock clock) {
        this(ssm, config, vertx, registry, clock::nanoTime);
    }

    Secrets(SsmAsyncClient ssm, SecretsConfig config, Vertx vertx, MeterRegistry registry, LongSupplier nanoClock) {
        this.ssm = ssm;
        this.config = config;
        this.vertx = vertx;
        this.nanoClock = nanoClock;
        this.names = List.of(config.parameters().corbadoProjectId(), config.parameters().corbadoApiSecret(),
                config.parameters().actionsSecret());
        Gauge.builder("passkey.bff.secrets.loaded", current, loaded -> loaded.get() == null ? 0 : 1)
                .description("1 once the SSM secrets are in memory").register(registry);
        this.loads = loads(registry, "success");
        this.failedLoads = loads(registry, "failure");
    }

    private static Counter loads(MeterRegistry registry, String outcome) {
        return Counter.builder("passkey.bff.secrets.loads").description("Reads of the SSM secrets")
                .tag("outcome", outcome).register(registry);
    }

    // After the local emulators (dev mode) have started, which observe with a lower priority value.
    void onStart(@Observes @Priority(2000) StartupEvent event) {
        refreshAndSchedule();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void refreshAndSchedule() {
        load().subscribe().with(
                loaded -> schedule(config.refreshInterval().toMillis()),
                failure -> schedule(config.retryInterval().toMillis()));
    }

    private void schedule(long delayMillis) {
        timerId = vertx.setTimer(delayMillis, id -> refreshAndSchedule());
    }

    /** Reads all parameters once; on failure the previously loaded values stay in use. */
    public Uni<Loaded> load() {
        return Uni.createFrom().completionStage(() -> ssm.getParameters(SecretParameters.request(names)))
                .ifNoItem().after(config.timeout()).fail()
                .map(response -> SecretParameters.values(names, response))
                .map(this::toLoaded)
                .invoke(loaded -> {
                    loads.increment();
                    boolean first = current.getAndSet(loaded) == null;
                    lastError = null;
                    if (first) {
                        LOG.infof("Secrets loaded from SSM (%d parameters)", names.size());
                    }
                })
                .onFailure().invoke(failure -> {
                    failedLoads.increment();
                    lastFailureNanos = nanoClock.getAsLong();
                    lastError = describe(failure);
                    LOG.warnf("Secrets could not be loaded from SSM: %s", lastError);
                });
    }

    private Loaded toLoaded(Map<String, String> values) {
        SecretsConfig.Parameters p = config.parameters();
        return new Loaded(new CorbadoCredentials(values.get(p.corbadoProjectId()), values.get(p.corbadoApiSecret())),
                values.get(p.actionsSecret()), Instant.now());
    }

    private static String describe(Throwable failure) {
        if (failure instanceof SecretParameters.MissingSecretsException) {
            return failure.getMessage();
        }
        // AWS SDK messages name the parameter and the error, never the value.
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName();
    }

    public Optional<Loaded> current() {
        return Optional.ofNullable(current.get());
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * The loaded secrets, loading them now if the service has none yet; 503 when SSM cannot give them.
     * After a failed load, requests fail fast for a second instead of each asking SSM again.
     */
    public Uni<Loaded> get() {
        Loaded loaded = current.get();
        if (loaded != null) {
            return Uni.createFrom().item(loaded);
        }
        if (lastFailureNanos != 0 && nanoClock.getAsLong() - lastFailureNanos < FAIL_FAST_NANOS) {
            return Uni.createFrom().failure(ProblemException.upstreamUnavailable("Service secrets are not loaded yet."));
        }
        return load().onFailure().transform(
                failure -> ProblemException.upstreamUnavailable("Service secrets are not loaded yet."));
    }
}
