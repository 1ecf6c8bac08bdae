package app.passkeybff.resilience;

import app.passkeybff.observability.UpstreamMetrics;
import app.passkeybff.problem.UpstreamFailure;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every upstream call goes through, in this order: a timeout, the upstream's own translation of
 * failures into problems, one circuit breaker per upstream (counting only {@link UpstreamFailure}s,
 * so an upstream's well-formed "no" never opens it), and a timer. No retries: none of the calls that
 * matter (ConnectToken creation, the CUSTOM_AUTH steps) is idempotent.
 */
public final class UpstreamGuard {

    static final int REQUEST_VOLUME = 20;
    static final double FAILURE_RATIO = 0.5;
    static final int SUCCESS_THRESHOLD = 2;

    private final String upstream;
    private final String displayName;
    private final Duration timeout;
    private final Function<Throwable, Throwable> translate;
    private final UpstreamMetrics metrics;
    // SmallRye Fault Tolerance's programmatic Guard API; a Uni-typed guard is asynchronous by its type.
    private final TypedGuard<Uni<Object>> breaker;

    public UpstreamGuard(String upstream, String displayName, Duration timeout, Duration breakerDelay,
                         Function<Throwable, Throwable> translate, UpstreamMetrics metrics) {
        this.upstream = upstream;
        this.displayName = displayName;
        this.timeout = timeout;
        this.translate = translate;
        this.metrics = metrics;
        this.breaker = TypedGuard.create(new TypeLiteral<Uni<Object>>() { })
                .withDescription(upstream)
                .withCircuitBreaker().name(upstream).requestVolumeThreshold(REQUEST_VOLUME).failureRatio(FAILURE_RATIO)
                .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS).successThreshold(SUCCESS_THRESHOLD)
                .failOn(UpstreamFailure.class).done()
                .build();
    }

    public <T> Uni<T> call(String operation, Supplier<Uni<T>> call) {
        return call(operation, timeout, call);
    }

    /** A call with its own bound, for an operation known to take longer than the upstream's usual. */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> call(String operation, Duration timeout, Supplier<Uni<T>> call) {
        Supplier<Uni<Object>> guarded = () -> Uni.createFrom().<T>deferred(call::get)
                .ifNoItem().after(timeout).failWith(() -> UpstreamFailure.timeout(displayName + " did not answer in time."))
                .onFailure().transform(translate)
                .map(item -> (Object) item);
        return metrics.timed(upstream, operation,
                () -> Uni.createFrom().deferred(() -> breaker.get(guarded)).map(item -> (T) item));
    }

    public CircuitBreakerState circuitState() {
        return CircuitBreakerMaintenance.get().currentState(upstream);
    }
}
