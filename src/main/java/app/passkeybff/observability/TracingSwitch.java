package app.passkeybff.observability;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.util.List;

/**
 * Tracing is off unless an OTLP endpoint is configured. application.properties sets
 * {@code quarkus.otel.sdk.disabled=${tracing.sdk-disabled}}, and this interceptor answers
 * {@code tracing.sdk-disabled}: {@code true} when neither {@code OTEL_EXPORTER_OTLP_ENDPOINT} nor
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (nor their {@code QUARKUS_OTEL_...} names) is set.
 * Quarkus' own default would export to {@code localhost:4317} and log a failure per batch; off, the
 * OpenTelemetry SDK is a no-op and Vert.x runs without a tracer. {@code QUARKUS_OTEL_SDK_DISABLED}
 * set in the environment still wins.
 */
// Below the expression interceptor (LIBRARY + 300), which looks up ${tracing.sdk-disabled} further down the chain.
@Priority(Priorities.LIBRARY + 100)
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "tracing.sdk-disabled";
    /** Quarkus' names, and the standard ones as the environment source finds {@code OTEL_EXPORTER_OTLP_*}. */
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.endpoint");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!SDK_DISABLED.equals(name)) {
            return context.proceed(name);
        }
        boolean endpoint = ENDPOINTS.stream().anyMatch(key -> set(context.proceed(key)));
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(!endpoint))
                .withConfigSourceName(TracingSwitch.class.getSimpleName()).build();
    }

    /**
     * Has a value: not blank, and not application.properties' own mapping of an unset {@code OTEL_*}
     * variable, seen unexpanded when this runs before expressions are expanded.
     */
    private static boolean set(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && !value.getValue().startsWith("${");
    }
}
