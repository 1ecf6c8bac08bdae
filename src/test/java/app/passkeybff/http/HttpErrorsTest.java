package app.passkeybff.http;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
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
