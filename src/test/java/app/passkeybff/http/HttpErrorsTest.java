package app.passkeybff.http;

import io.quarkus.test.junit.QuarkusTest;
import app.passkeybff.support.RawHttp;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP-level errors a generic client or scanner meets first, answered as RFC 9110 asks. */
@QuarkusTest
class HttpErrorsTest {

    /**
     * The shipped idle timeout: above the 60 s upstream keep-alive of ALB and ingress-nginx, so a proxy never
     * sends on a connection the service is just closing, and far below Vert.x's 30 minutes. That idle
     * connections are really closed is {@link IdleConnectionTest}'s (with a 1 s timeout, on raw sockets).
     */
    @Test
    void shipsAnIdleTimeoutJustAboveAProxysKeepAlive() {
        Duration idle = ConfigProvider.getConfig().getValue("quarkus.http.idle-timeout", Duration.class);
        assertTrue(idle.compareTo(Duration.ofSeconds(60)) > 0 && idle.compareTo(Duration.ofMinutes(2)) <= 0, idle.toString());
    }

    @Test
    void refusesABodyWithoutContentType() throws IOException {
        // A body of no declared type is not declared JSON (415), and a cross-site page can send one
        // without a CORS preflight (fetch with a Blob body): it must not be read as JSON.
        String body = "{\"signedPasskeyData\":\"a.b.c\"}";
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            connection.send(RawHttp.request("POST", "/passkey-login", Map.of(), body.length()),
                    body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            RawHttp.Response answer = connection.read("body without Content-Type");
            assertEquals(415, answer.status(), answer.toString());
            assertTrue(answer.body().contains("\"code\":\"unsupported_media_type\""), answer.body());
        }
    }

    /**
     * Headers over Quarkus' 20 KiB limit are refused by the HTTP codec before any handler runs (a bare 431,
     * no problem body) and the connection is closed; headers just under it are served.
     */
    @Test
    void refusesHeadersOver20KiBAndClosesTheConnection() throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            connection.send(RawHttp.request("GET", "/client-state", Map.of("X-Padding", "a".repeat(19 * 1024)), -1), new byte[0]);
            assertEquals(200, connection.read("headers under 20 KiB").status());
        }
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            connection.send(RawHttp.request("GET", "/client-state", Map.of("X-Padding", "a".repeat(21 * 1024)), -1), new byte[0]);
            RawHttp.Response answer = connection.read("headers over 20 KiB");
            if (!answer.closed()) {
                assertEquals(431, answer.status(), answer.toString());
                assertTrue(connection.closedByServer(), "kept the connection after refusing its headers");
            }
        }
    }

    /**
     * A chunked body announces no length, so it meets the 16 KiB limit only while being read, and there
     * Quarkus (3.33) answers it itself: a bare 413 without a problem body, and the connection closed (the
     * rest of the body is unread). SECURITY.md lists this under "Known limits"; an announced body over the
     * limit gets the 413 problem before a byte is read ({@code EarlyAnswerConnectionTest}).
     */
    @Test
    void answersAChunkedBodyOverTheLimitWithABare413AndCloses() throws IOException {
        String chunk = "{\"signedPasskeyData\":\"" + "a".repeat(20 * 1024) + "\"}";
        String body = Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            connection.send(RawHttp.request("POST", "/passkey-login", Map.of("Content-Type", "application/json",
                    "Transfer-Encoding", "chunked"), -1), body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            RawHttp.Response answer = connection.read("chunked body over the limit");
            if (!answer.closed()) {
                assertEquals(413, answer.status(), answer.toString());
                assertEquals("", answer.body(), answer.toString());
                assertEquals("close", answer.header("Connection"), answer.toString());
                assertTrue(connection.closedByServer(), "kept the connection open after an unread chunked body");
            }
        }
    }

    @Test
    void methodNotAllowedNamesTheAllowedMethods() {
        // RFC 9110 15.5.6: a 405 MUST carry Allow with the methods the resource supports.
        given().when().get("/connect-tokens")
                .then().statusCode(405).contentType("application/problem+json")
                .body("code", equalTo("method_not_allowed"))
                .header("Allow", allOf(containsString("POST"), not(containsString("GET"))));
        given().when().delete("/client-state")
                .then().statusCode(405).body("code", equalTo("method_not_allowed"))
                .header("Allow", allOf(containsString("GET"), not(containsString("DELETE"))));
    }
}
