package app.passkeybff.http;

import app.passkeybff.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Health and metrics live on the management interface only: through the API port (the one the
 * ingress forwards) nobody reads readiness details, SSM parameter errors or upstream metric tags.
 */
@QuarkusTest
class ManagementPortTest {

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics"})
    void operationsEndpointsAreNotOnTheApiPort(String path) {
        given().when().get(path).then().statusCode(404).contentType("application/problem+json")
                .body(not(containsString("passkey-bff/"))).body(not(containsString("jwks")))
                .body(not(containsString("upstream")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics"})
    void operationsEndpointsAreOnTheManagementPort(String path) {
        assertNotEquals(RestAssured.port, Management.port());
        Management.given().when().get(path).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/connect-tokens", "/passkey-login", "/client-state"})
    void apiIsNotOnTheManagementPort(String path) {
        Management.given().when().get(path).then().statusCode(404);
    }
}
