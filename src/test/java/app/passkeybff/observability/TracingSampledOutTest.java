package app.passkeybff.observability;

import app.passkeybff.support.Tokens;
import app.passkeybff.support.WireMockResource;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OTEL_TRACES_SAMPLER_ARG=0: tracing is on (an endpoint is configured) but no request is sampled, and
 * Corbado is told so (the {@code traceparent}'s flags are 00), so it does not record its side either.
 */
@QuarkusTest
@TestProfile(TracingSampledOutTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = "corbado.api-url"))
class TracingSampledOutTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:4317",
                    "quarkus.otel.traces.sampler.arg", "0.0");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void samplesNoRequestAtRatioZeroAndTellsCorbadoSo() {
        WireMockServer corbado = WireMockResource.server("corbado.api-url");
        corbado.stubFor(post("/v2/connectTokens").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"ctks_1\",\"expires\":4102444800}")));
        given().auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200);
        String traceparent = corbado.findAll(postRequestedFor(urlEqualTo("/v2/connectTokens"))).get(0).getHeader("traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), "traceparent " + traceparent);
        // Unsampled spans are never handed to an exporter.
        assertEquals(List.of(), spans.getFinishedSpanItems());
    }
}
