package app.passkeybff.http;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The HTTP-level errors a generic client or scanner meets first, answered as RFC 9110 asks. */
@QuarkusTest
class HttpErrorsTest {

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
