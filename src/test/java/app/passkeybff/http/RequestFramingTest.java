package app.passkeybff.http;

import app.passkeybff.support.RawHttp;
import app.passkeybff.support.Tokens;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request framing that two HTTP parsers could read differently (request smuggling), answered as
 * RFC 9112 6.1 and 6.3 require. Raw sockets, because HTTP clients never send such requests, and a
 * second request pipelined behind each one shows whether the connection was closed.
 */
@QuarkusTest
class RequestFramingTest {

    private static final String BODY = "{\"type\":\"passkey-list\"}";
    private static final String NEXT = "GET /client-state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    private static String head(String... headers) {
        StringBuilder head = new StringBuilder("POST /connect-tokens HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nAuthorization: Bearer " + Tokens.demoIdToken() + "\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    /** The first answer, after which the pipelined request must get none: the connection is closed. */
    private static RawHttp.Response answeredThenClosed(String request) throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            connection.await(connection.send(request + NEXT, new byte[0]));
            RawHttp.Response first = connection.read("framing");
            RawHttp.Response next = connection.read("pipelined request");
            assertTrue(next.closed(), "the pipelined request was answered: " + next);
            return first;
        }
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @CsvSource({"gzip", "xchunked", "chunked;x=1", "identity"})
    void refusesTransferEncodingThatDoesNotEndInChunked(String codings) throws IOException {
        // RFC 9112 6.3: the body length cannot be determined; MUST answer 400 and close the connection.
        // Netty does not read chunks here: the "body" is the pipelined request, and it must not be served.
        RawHttp.Response answer = answeredThenClosed(head("Transfer-Encoding: " + codings));
        assertEquals(400, answer.status(), answer.toString());
        assertEquals("close", answer.header("Connection"), "Connection header of " + answer);
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.toString());
        assertTrue(answer.body().contains("\"code\":\"invalid_request\""), answer.body());
    }

    /**
     * Framings Netty's HTTP codec (4.1.125 and later) refuses itself, before any handler of the service runs:
     * a bare 400 without a problem body (like the codec's 431 for oversized headers), and the connection closed,
     * so nothing framed differently by a proxy in front is ever served.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Content-Length and Transfer-Encoding: chunked | true",
            "Transfer-Encoding: chunked, identity | false"})
    void codecRefusesAmbiguousFramingAndCloses(String framing, boolean withContentLength) throws IOException {
        String body = chunked(BODY);
        String request = withContentLength
                ? head("Content-Length: " + body.getBytes(StandardCharsets.US_ASCII).length / 2, "Transfer-Encoding: chunked")
                : head("Transfer-Encoding: chunked, identity");
        RawHttp.Response answer = answeredThenClosed(request + body);
        assertEquals(400, answer.status(), answer.toString());
    }

    @Test
    void refusesTwoTransferEncodingLinesEndingInAnotherCoding() throws IOException {
        RawHttp.Response answer = answeredThenClosed(
                head("Transfer-Encoding: chunked", "Transfer-Encoding: gzip") + chunked(BODY));
        assertEquals(400, answer.status(), answer.toString());
    }

    @Test
    void closesTheConnectionAfterAChunkedRequest() throws IOException {
        // A chunked request is served, but its connection closed: a proxy in front may have framed it otherwise.
        RawHttp.Response answer = answeredThenClosed(head("Transfer-Encoding: chunked") + chunked(BODY));
        assertEquals(200, answer.status(), answer.toString());
        assertEquals("close", answer.header("Connection"), "Connection header of " + answer);
    }

    @Test
    void refusesCleartextHttp2Upgrade() throws IOException {
        // h2c smuggling: a proxy that forwards Upgrade (ingress-nginx does, for websockets) becomes a blind
        // tunnel after a 101, and the HTTP/2 requests behind it reach the service with the proxy as peer and
        // any X-Forwarded-For the client likes: past the proxy's rules and into any rate-limit bucket.
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            connection.send("GET /client-state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n", new byte[0]);
            RawHttp.Response answer = connection.read("h2c upgrade");
            assertEquals(200, answer.status(), "upgraded instead of answering over HTTP/1.1: " + answer);
        }
    }
}
