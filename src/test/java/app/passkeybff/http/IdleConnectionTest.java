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
 * Connections left idle are closed by the service (Vert.x's default would keep them 30 minutes): here
 * after 1 s ({@code quarkus.http.idle-timeout}, 75 s in production, {@code HttpErrorsTest} checks that
 * value), while each socket waits up to 20 s for the close, so a slow machine only makes it take longer.
 */
@QuarkusTest
@TestProfile(IdleConnectionTest.Profile.class)
class IdleConnectionTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s");
        }
    }

    private static final int WAIT_MILLIS = 20_000;

    @Test
    void closesAConnectionThatSentHalfItsHeadersAndWentSilent() throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, WAIT_MILLIS)) {
            connection.send("GET /client-state HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half", new byte[0]);
            RawHttp.Response answer = connection.read("half a request, then silence");
            // Closed without an answer, or with a 408 and then closed: either way not held open.
            assertTrue(answer.closed() || connection.closedByServer(), "held open: " + answer);
        }
    }

    @Test
    void closesAnIdleKeepAliveConnectionAfterItsLastAnswer() throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, WAIT_MILLIS)) {
            connection.send(RawHttp.request("GET", "/client-state", Map.of(), -1), new byte[0]);
            RawHttp.Response answer = connection.read("a request");
            assertEquals(200, answer.status(), answer.toString());
            assertTrue(connection.closedByServer(), "an idle keep-alive connection was kept open past the idle timeout");
        }
    }

    @Test
    void keepsAConnectionThatKeepsTalking() throws IOException, InterruptedException {
        try (RawHttp connection = new RawHttp(RestAssured.port, WAIT_MILLIS)) {
            for (int i = 0; i < 3; i++) {
                connection.send(RawHttp.request("GET", "/client-state", Map.of(), -1), new byte[0]);
                assertEquals(200, connection.read("request " + i).status());
            }
        }
    }
}
