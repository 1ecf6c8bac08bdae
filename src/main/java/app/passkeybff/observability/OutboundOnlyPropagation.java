package app.passkeybff.observability;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;
import jakarta.inject.Singleton;

import java.util.Collection;

/**
 * W3C trace context goes out (to Corbado) but is not taken in: every request arriving at the API comes
 * from the internet, and a {@code traceparent} there would let any client choose the trace id the
 * service logs under and force its requests to be sampled. Each request is the root of its own trace.
 */
@Singleton
public class OutboundOnlyPropagation implements TextMapPropagatorCustomizer {

    @Override
    public TextMapPropagator customize(TextMapPropagatorCustomizer.Context context) {
        TextMapPropagator propagator = context.propagator();
        // OpenTelemetry's Context, spelled out: the customizer interface has a nested Context of its own.
        return new TextMapPropagator() {
            @Override
            public Collection<String> fields() {
                return propagator.fields();
            }

            @Override
            public <C> void inject(io.opentelemetry.context.Context current, C carrier, TextMapSetter<C> setter) {
                propagator.inject(current, carrier, setter);
            }

            @Override
            public <C> io.opentelemetry.context.Context extract(io.opentelemetry.context.Context current, C carrier, TextMapGetter<C> getter) {
                return current;
            }
        };
    }
}
