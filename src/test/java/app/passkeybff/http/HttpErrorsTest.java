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

    @Test
    void closesConnectionsIdleForLongerThanAProxyKeepsThem() {
        // Vert.x's default is 30 minutes: a client that sends half its headers and stops held a connection
        // that long. Above the 60 s idle timeout of ALB and ingress-nginx upstream keep-alive, so a proxy
        // never sends on a connection the service is just closing. (Waiting it out here would take 75 s.)
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
