package app.passkeybff.problem;

import app.passkeybff.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An unexpected failure (a defect, forced here by the test-only {@link FailingResource}) is the generic 500
 * problem: byte for byte the documented body, no exception message, class or stack in it; the log names
 * the exception's class only, since a library's message may echo request data.
 */
@QuarkusTest
class InternalErrorTest {

    static final String GENERIC = "{\"type\":\"https://passkey-bff.dev/problems/internal_error\",\"title\":\"Internal error\","
            + "\"status\":500,\"detail\":\"The service failed unexpectedly.\",\"code\":\"internal_error\"}";

    @ParameterizedTest
    @ValueSource(strings = {"thrown", "failed-uni"})
    void answersTheGenericProblemAndLogsOnlyTheExceptionClass(String failure) {
        try (LogCapture log = LogCapture.install()) {
            String body = given().when().get("/test-only/failure/" + failure)
                    .then().statusCode(500).contentType("application/problem+json")
                    .header("Cache-Control", "no-store")
                    .extract().asString();
            assertEquals(GENERIC, body);
            assertFalse(body.contains("Exception") || body.contains("hunter2") || body.contains("\tat "), body);
            List<String> lines = log.linesContaining("Unexpected failure");
            assertEquals(1, lines.size(), log.lines().toString());
            assertTrue(lines.get(0).contains(failure.equals("thrown") ? "IllegalStateException" : "NullPointerException"), lines.get(0));
            assertEquals(List.of(), log.linesContaining(FailingResource.INTERNAL_DETAIL, "hunter2"));
        }
    }
}
