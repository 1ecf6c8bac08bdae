package app.passkeybff.observability;

import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.UpstreamFailure;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A client span per upstream call, named like the call ({@code cognito InitiateAuth},
 * {@code corbado createConnectToken}), with the attributes an on-call engineer filters by:
 * {@code upstream.name}, {@code upstream.operation}, {@code upstream.outcome} (as in the metrics),
 * {@code upstream.outcome_class} and {@code upstream.retries} (always 0: no call is retried). No
 * request or answer content and no exception message is recorded, so no token, secret, email or
 * signedPasskeyData can reach a span. The span is current while the call is set off, so the Vert.x
 * HTTP client's own span and the {@code traceparent} it sends to Corbado are its children.
 */
@ApplicationScoped
public class UpstreamSpans {

    static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("upstream.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("upstream.operation");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("upstream.outcome");
    static final AttributeKey<String> OUTCOME_CLASS = AttributeKey.stringKey("upstream.outcome_class");
    static final AttributeKey<Long> RETRIES = AttributeKey.longKey("upstream.retries");

    private final Tracer tracer;

    public UpstreamSpans(Tracing tracing) {
        this.tracer = tracing.tracer();
    }

    /**
     * The call, assembled and set off with its span current: Quarkus' context propagation gives every
     * Uni the context current where it was created, so a call assembled before its span would run in
     * the request's span instead (and the Corbado client's {@code traceparent} would name that).
     */
    public <T> Uni<T> traced(String upstream, String operation, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(upstream + " " + operation).setSpanKind(SpanKind.CLIENT)
                    .setAttribute(UPSTREAM, upstream).setAttribute(OPERATION, operation).setAttribute(RETRIES, 0L)
                    .startSpan();
            // Tracing off (no OTLP endpoint): the span is a no-op; the call goes as it would without tracing.
            return span.getSpanContext().isValid() ? traced(span, call) : call.get();
        });
    }

    private static <T> Uni<T> traced(Span span, Supplier<Uni<T>> call) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean ended = new AtomicBoolean();
            Cancellable subscription;
            try (Scope ignored = span.makeCurrent()) {
                subscription = call.get().subscribe().with(item -> {
                    end(span, ended, null);
                    emitter.complete(item);
                }, failure -> {
                    end(span, ended, failure);
                    emitter.fail(failure);
                });
            } catch (RuntimeException e) { // the call could not even be assembled: Mutiny fails the Uni with it
                end(span, ended, e);
                throw e;
            }
            emitter.onTermination(() -> {
                if (ended.compareAndSet(false, true)) { // the caller went away before an answer
                    span.setAttribute(OUTCOME, "cancelled").setAttribute(OUTCOME_CLASS, "cancelled").end();
                    subscription.cancel();
                }
            });
        });
    }

    private static void end(Span span, AtomicBoolean ended, Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        String outcomeClass = outcomeClass(failure);
        span.setAttribute(OUTCOME, UpstreamMetrics.outcome(failure)).setAttribute(OUTCOME_CLASS, outcomeClass);
        if (!outcomeClass.equals("success") && !outcomeClass.equals("refused")) {
            span.setStatus(StatusCode.ERROR, outcomeClass);
        }
        span.end();
    }

    /**
     * {@code success}; {@code refused} (the upstream's well-formed "no": a Cognito refusal, a Corbado 4xx);
     * {@code throttled}; {@code timeout}; {@code unavailable} (unreachable, or refused by the open
     * circuit without a call); {@code error} (5xx, reset, malformed answer, anything else).
     */
    static String outcomeClass(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        if (failure instanceof CognitoRefusal) {
            return "refused";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "unavailable";
        }
        if (failure instanceof ProblemException problem) {
            return switch (problem.code()) {
                case "rate_limited" -> "throttled";
                case "upstream_timeout" -> "timeout";
                case "upstream_unavailable" -> "unavailable";
                default -> failure instanceof UpstreamFailure ? "error" : "refused";
            };
        }
        return "error";
    }
}
