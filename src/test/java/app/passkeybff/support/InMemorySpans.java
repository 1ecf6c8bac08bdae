package app.passkeybff.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans the service finishes, kept in memory: a {@code SpanExporter} bean in the test build only,
 * which Quarkus' OpenTelemetry extension exports to in place of OTLP. It receives spans only in tests
 * that switch tracing on (an OTLP endpoint configured, see {@code observability.TracingTest}).
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
