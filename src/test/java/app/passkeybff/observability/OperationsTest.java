package app.passkeybff.observability;

import app.passkeybff.support.Management;
import app.passkeybff.support.Metrics;
import app.passkeybff.support.LogCapture;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, metrics and access logs as a platform team scrapes and reads them. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessNamesEveryCheckAndIsUp() {
        Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("ssm-secrets", "cognito-jwks"))
                .body("checks.name", not(hasItem("cognito-circuit")));
        Management.given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'cognito-circuit' }.data.state", equalTo("CLOSED"));
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static double metric(String scrape, String name, String... labels) {
        return Metrics.value(scrape, name, labels);
    }

    @Test
    void metricsMoveWithTraffic() {
        String before = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        String idToken = Tokens.demoIdToken();
        given().auth().oauth2(idToken).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(200);
        given().auth().oauth2("bad").contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().statusCode(401);
        String username = Users.confirmedUser(Users.uniqueEmail("metrics"));
        given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", Users.signedPasskeyData(username)))
                .when().post("/passkey-login").then().statusCode(200);
        Management.given().when().get("/q/health/ready").then().statusCode(200);

        String after = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        String[][] moved = {
                {"http_server_requests_seconds_count", "uri=\"/connect-tokens\"", "status=\"200\""},
                {"http_server_requests_seconds_count", "uri=\"/connect-tokens\"", "status=\"401\""},
                {"http_server_requests_seconds_bucket", "uri=\"/passkey-login\"", "status=\"200\""},
                {"passkey_bff_upstream_seconds_count", "upstream=\"corbado\"", "operation=\"createConnectToken\"", "outcome=\"success\""},
                {"passkey_bff_upstream_seconds_count", "upstream=\"cognito\"", "operation=\"InitiateAuth\"", "outcome=\"success\""},
                {"passkey_bff_upstream_seconds_bucket", "upstream=\"cognito\"", "operation=\"RespondToAuthChallenge\""},
        };
        for (String[] series : moved) {
            String name = series[0];
            String[] labels = java.util.Arrays.copyOfRange(series, 1, series.length);
            assertTrue(metric(after, name, labels) > metric(before, name, labels),
                    String.join(" ", series) + " did not move");
        }
        assertTrue(after.contains("passkey_bff_jwks_fetches_total{outcome=\"success\"}"), "JWKS fetch counter");
        assertTrue(after.contains("ft_circuitbreaker_state_total") || after.contains("ft_circuitbreaker_"),
                "circuit breaker state series");
    }

    @Test
    void countsPasskeyLoginsByOutcome() {
        String before = Metrics.scrape();
        for (String outcome : new String[]{"success", "invalid_request", "passkey_login_failed", "account_disabled",
                "rate_limited", "upstream_error", "upstream_unavailable", "upstream_timeout", "error"}) {
            assertTrue(Metrics.exposes(before, "passkey_bff_logins_total", "outcome=\"" + outcome + "\""),
                    outcome + " is registered before any login");
        }
        String username = Users.confirmedUser(Users.uniqueEmail("outcomes"));
        String data = Users.signedPasskeyData(username);
        given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", data))
                .when().post("/passkey-login").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", data))
                .when().post("/passkey-login").then().statusCode(401);

        String after = Metrics.scrape();
        assertEquals(1, metric(after, "passkey_bff_logins_total", "outcome=\"success\"")
                - metric(before, "passkey_bff_logins_total", "outcome=\"success\""));
        assertEquals(1, metric(after, "passkey_bff_logins_total", "outcome=\"passkey_login_failed\"")
                - metric(before, "passkey_bff_logins_total", "outcome=\"passkey_login_failed\""));
        assertEquals(0, metric(after, "passkey_bff_logins_total", "outcome=\"upstream_error\"")
                - metric(before, "passkey_bff_logins_total", "outcome=\"upstream_error\""));
    }

    @Test
    void reportsSecretsLoaded() {
        Management.given().when().get("/q/health/ready").then().statusCode(200);
        String scrape = Metrics.scrape();
        assertEquals(1, metric(scrape, "passkey_bff_secrets_loaded"));
        assertTrue(metric(scrape, "passkey_bff_secrets_loads_total", "outcome=\"success\"") >= 1);
        assertTrue(Metrics.exposes(scrape, "passkey_bff_secrets_loads_total", "outcome=\"failure\""));
    }

    @Test
    void echoesCallersRequestIdAndLogsOneAccessLine() {
        try (LogCapture log = LogCapture.install()) {
            given().header("X-Request-Id", "req-abc.123").when().get("/client-state")
                    .then().statusCode(200).header("X-Request-Id", "req-abc.123");
            assertTrue(log.lines().stream().anyMatch(line -> line.startsWith("passkey-bff.access INFO GET /client-state 200")),
                    String.join("\n", log.lines()));
        }
    }

    @Test
    void generatesRequestIdWhenMissingOrUnsafe() {
        given().when().get("/client-state").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "evil\nline injected").when().get("/client-state")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void problemResponsesCarryTheRequestIdToo() {
        Matcher id = Pattern.compile("[0-9a-f-]{36}").matcher(given().contentType(ContentType.JSON).body("{")
                .when().post("/passkey-login").then().statusCode(400).extract().header("X-Request-Id"));
        assertTrue(id.matches());
    }
}
