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
            assertEquals("close", first.header("Connection"), "Connection header of " + first);
            RawHttp.Response next = connection.read("pipelined request");
            assertTrue(next.closed(), "the pipelined request was answered: " + next);
            return first;
        }
    }

    @ParameterizedTest(name = "Transfer-Encoding: {0}")
    @CsvSource(delimiter = '|', value = {"gzip | false", "xchunked | false", "chunked;x=1 | false", "identity | false",
            "chunked, identity | true"})
    void refusesTransferEncodingThatDoesNotEndInChunked(String codings, boolean nettyReadsChunks) throws IOException {
        // RFC 9112 6.3: the body length cannot be determined; MUST answer 400 and close the connection.
        // Where Netty does not read chunks, the "body" is the pipelined request: it must not be served.
        RawHttp.Response answer = answeredThenClosed(
                head("Transfer-Encoding: " + codings) + (nettyReadsChunks ? chunked(BODY) : ""));
        assertEquals(400, answer.status(), answer.toString());
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.toString());
        assertTrue(answer.body().contains("\"code\":\"invalid_request\""), answer.body());
    }

    @Test
    void refusesTwoTransferEncodingLinesEndingInAnotherCoding() throws IOException {
        RawHttp.Response answer = answeredThenClosed(
                head("Transfer-Encoding: chunked", "Transfer-Encoding: gzip") + chunked(BODY));
        assertEquals(400, answer.status(), answer.toString());
    }

    @Test
    void closesTheConnectionAfterARequestWithContentLengthAndTransferEncoding() throws IOException {
        // RFC 9112 6.1: Transfer-Encoding wins, and the server MUST close the connection after responding,
        // since a proxy in front may have framed the request by its Content-Length.
        String body = chunked(BODY);
        RawHttp.Response answer = answeredThenClosed(
                head("Content-Length: " + body.getBytes(StandardCharsets.US_ASCII).length / 2,
                        "Transfer-Encoding: chunked") + body);
        assertEquals(200, answer.status(), answer.toString());
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
