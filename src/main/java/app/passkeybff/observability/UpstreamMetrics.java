package app.passkeybff.observability;

import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.function.Supplier;

/**
 * {@code passkey_bff_upstream_seconds{upstream, operation, outcome}}: every call to Corbado and
 * Cognito, timed, with a bounded outcome (success, a problem code, or Cognito's error code).
 */
@ApplicationScoped
public class UpstreamMetrics {

    static final String NAME = "passkey.bff.upstream";

    private final MeterRegistry registry;
    private final UpstreamSpans spans;

    public UpstreamMetrics(MeterRegistry registry, UpstreamSpans spans) {
        this.registry = registry;
        this.spans = spans;
    }

    /**
     * The call timed, with its outcome, and traced ({@link UpstreamSpans}); assembled by {@code call}
     * inside its span.
     */
    public <T> Uni<T> timed(String upstream, String operation, Supplier<Uni<T>> call) {
        return spans.traced(upstream, operation, () -> timedOnly(upstream, operation, call.get()));
    }

    private <T> Uni<T> timedOnly(String upstream, String operation, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return call.onItemOrFailure().invoke((item, failure) -> sample.stop(Timer.builder(NAME)
                    .description("Calls to upstream services")
                    .tags("upstream", upstream, "operation", operation, "outcome", outcome(failure))
                    .register(registry)));
        });
    }

    static String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        if (failure instanceof ProblemException problem) {
            return problem.code();
        }
        if (failure instanceof CognitoRefusal refusal) {
            return refusal.errorCode();
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return "error";
    }
}
