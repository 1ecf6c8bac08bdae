package app.passkeybff.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tracer and the propagator the service's own code uses: OpenTelemetry's when tracing is on, no-ops
 * when it is off ({@code quarkus.otel.sdk.disabled}, see {@link TracingSwitch}). Quarkus' "disabled"
 * SDK still hands out recording spans and a W3C propagator to whoever asks; off must mean no span and
 * no {@code traceparent} sent.
 */
@Singleton
public class Tracing {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    // Quarkus' own property, read as Quarkus reads it (an explicit QUARKUS_OTEL_SDK_DISABLED wins).
    public Tracing(OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        OpenTelemetry used = disabled ? OpenTelemetry.noop() : openTelemetry;
        this.tracer = used.getTracer("app.passkeybff");
        this.propagator = used.getPropagators().getTextMapPropagator();
    }

    public Tracer tracer() {
        return tracer;
    }

    public TextMapPropagator propagator() {
        return propagator;
    }
}
