package app.passkeybff.observability;

import app.passkeybff.support.RequestLogRecords;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.WireMockResource;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without an OTLP endpoint tracing is off: no span, no traceparent to Corbado, no trace ids in the log. */
@QuarkusTest
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = "corbado.api-url"))
class TracingOffTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Tracing tracing;

    @Test
    void tracesNothingAndSendsNoTraceContextWithoutAnOtlpEndpoint() {
        assertEquals(Boolean.TRUE, ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class));
        // The service's tracer and propagator are no-ops: no span id to log, no header to send.
        assertFalse(tracing.tracer().spanBuilder("probe").startSpan().getSpanContext().isValid());
        assertEquals(List.of(), List.copyOf(tracing.propagator().fields()));
        WireMockServer corbado = WireMockResource.server("corbado.api-url");
        corbado.stubFor(post("/v2/connectTokens").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"ctks_1\",\"expires\":4102444800}")));
        List<ExtLogRecord> records;
        try (RequestLogRecords log = RequestLogRecords.install("trace-off-1")) {
            given().header("X-Request-Id", "trace-off-1").auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON)
                    .body("{\"type\":\"passkey-list\"}").when().post("/connect-tokens").then().statusCode(200);
            records = log.records();
        }
        assertNull(corbado.findAll(postRequestedFor(urlEqualTo("/v2/connectTokens"))).get(0).getHeader("traceparent"));
        assertEquals(List.of(), spans.getFinishedSpanItems());
        assertFalse(records.isEmpty());
        for (ExtLogRecord record : records) {
            assertNull(record.getMdc("traceId"), record.getLoggerName());
        }
        assertTrue(records.stream().anyMatch(r -> r.getLoggerName().equals("passkey-bff.access")));
    }
}
