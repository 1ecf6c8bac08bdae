package app.passkeybff.ratelimit;

import app.passkeybff.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * {@code RATE_LIMIT_ENABLED=false} (the test profile's default) switches the per-user limit off with the
 * others: more calls than the default {@code RATE_LIMIT_USER_PER_MINUTE} (30) in a row all succeed.
 */
@QuarkusTest
class UserRateLimitSwitchedOffTest {

    @Test
    void perUserLimitIsOffWithTheOtherLimits() {
        String idToken = Tokens.demoIdToken();
        for (int i = 0; i < 35; i++) {
            given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                    .when().post("/connect-tokens").then().statusCode(200);
        }
    }
}
