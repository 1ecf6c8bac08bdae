package app.passkeybff.http;

import app.passkeybff.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops sending its body (cut off, or a slowloris) gets 408 {@code request_timeout} and a
 * closed connection once {@code HTTP_BODY_TIMEOUT} passed, instead of holding the connection and the
 * request open until the 30-minute idle timeout. Raw sockets, because HTTP clients always finish a body.
 */
@QuarkusTest
@TestProfile(SlowClientTest.Profile.class)
class SlowClientTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("http.body-timeout", "1s");
        }
    }

    /** Far above the 1 s configured, far below any idle timeout: a generous bound on a loaded machine. */
    private static final int TIMEOUT_MILLIS = 15_000;

    @Test
    void answersRequestTimeoutToABodyThatStopsArriving() throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, TIMEOUT_MILLIS)) {
            connection.send(RawHttp.request("POST", "/passkey-login", Map.of("Content-Type", "application/json"), 100),
                    "{\"signedPass".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response answer = connection.read("stalled body");
            assertEquals(408, answer.status(), answer.toString());
            assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.toString());
            assertTrue(answer.body().contains("\"code\":\"request_timeout\""), answer.body());
            assertEquals("close", answer.header("Connection"), answer.toString());
            assertTrue(connection.closedByServer(), "said Connection: close but kept the connection open");
        }
    }

    @Test
    void servesABodyThatArrivesInTime() throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, TIMEOUT_MILLIS)) {
            connection.send(RawHttp.request("POST", "/passkey-login", Map.of("Content-Type", "application/json"), 2),
                    "{}".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response answer = connection.read("complete body");
            assertEquals(400, answer.status(), answer.toString());
            assertTrue(answer.body().contains("signedPasskeyData"), answer.body());
        }
    }
}
