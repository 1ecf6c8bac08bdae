package app.passkeybff.http;

import app.passkeybff.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body drained after an early answer has the body's own deadline: a client that announces a body and
 * then sends nothing, or one byte now and then, loses the connection once {@code HTTP_BODY_TIMEOUT} has
 * passed since its headers, instead of holding it until the idle timeout (75 s, and never while a byte
 * arrives now and then). The test profile sets 1 s; the bounds asserted are generous (20 s) and still
 * far below the idle timeout, so a loaded machine cannot make the test pass or fail by itself.
 * Raw sockets, because HTTP clients always finish a body.
 */
@QuarkusTest
// SlowClientTest's profile (body timeout 1 s): one application built for both.
@TestProfile(SlowClientTest.Profile.class)
class EarlyAnswerDrainDeadlineTest {

    /** Far above the 1 s body timeout, far below the 75 s idle timeout. */
    private static final int GENEROUS_MILLIS = 20_000;

    @Test
    void closesAWebhookConnectionWhoseAnnouncedBodyNeverComes() throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, GENEROUS_MILLIS)) {
            connection.send(RawHttp.request("POST", "/actions/pre-login", Map.of("Authorization", "Bearer wrong",
                    "Content-Type", "application/json"), 100), new byte[0]);
            RawHttp.Response answer = connection.read("early answer to a wrong secret");
            assertEquals(401, answer.status(), answer.toString());
            assertTrue(connection.closedByServer(), "the drain of a body that never comes kept the connection open");
        }
    }

    @Test
    void closesAConnectionWhoseDrainedBodyTricklesIn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(GENEROUS_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.request("POST", "/nope", Map.of("Content-Type", "application/json"), 16 * 1024)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            AtomicBoolean stop = new AtomicBoolean();
            // One byte every 200 ms: each resets the idle timeout, none completes the body.
            Thread trickle = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException closed) {
                    // The server closed: what the reader sees decides the test.
                }
            });
            trickle.start();
            try {
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 404 "), answer);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the connection was still open " + GENEROUS_MILLIS + " ms after its headers");
            } catch (java.net.SocketException reset) {
                // Closed with unread bytes in flight: a reset is a close too.
            } finally {
                stop.set(true);
                trickle.join(GENEROUS_MILLIS);
            }
        }
    }
}
