package app.passkeybff.observability;

import app.passkeybff.support.Management;
import app.passkeybff.support.Prometheus;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import app.passkeybff.support.WireMockResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Prometheus (Debian's) scrapes the service's management port with the shipped alerting rules
 * loaded: the scrape succeeds; every metric and label that {@code monitoring/alerts.yaml} and
 * {@code monitoring/dashboard.json} use exists in it (a renamed metric or label fails here); every
 * dashboard query returns data; and, with Corbado (WireMock) failing, PasskeyBffCircuitOpen fires.
 *
 * <p>Only the rules' {@code for:} waits are cut to 0 s in the server's copy, so an alert fires within
 * seconds instead of minutes; the expressions are the shipped ones ({@code for:} itself is covered by
 * the promtool unit tests). Scrape and evaluation every 2 s; every wait polls with a generous deadline.
 */
@QuarkusTest
@TestProfile(PrometheusScrapeTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = "corbado.api-url"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapeTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Limits on, so rate-limit decisions of both kinds exist; the Corbado circuit stays open once open.
            return Map.of("rate-limit.enabled", "true", "rate-limit.login-per-minute", "4",
                    "corbado.breaker-delay", "10m");
        }
    }

    /** Read from kube-state-metrics, not from the service: cannot be in this scrape. */
    private static final String KUBE_STATE_METRICS = "kube_";
    private static final String CONNECT_TOKENS = "/v2/connectTokens";

    private static Prometheus prometheus;

    @Inject
    CircuitBreakerMaintenance breakers;

    private static synchronized Prometheus prometheus() throws IOException {
        if (prometheus == null) {
            String config = """
                    global:
                      scrape_interval: 2s
                      scrape_timeout: 2s
                      evaluation_interval: 2s
                    rule_files:
                      - alerts.yaml
                    scrape_configs:
                      - job_name: passkey-bff
                        metrics_path: /q/metrics
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(Management.port());
            String rules = Files.readString(AlertRulesTest.RULES).replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 0s");
            prometheus = Prometheus.start(config, Map.of("alerts.yaml", rules));
            prometheus.await("a successful scrape", () -> prometheus.query("up{job=\"passkey-bff\"} == 1"),
                    result -> result.size() == 1);
        }
        return prometheus;
    }

    @AfterAll
    static void stopPrometheus() throws IOException {
        if (prometheus != null) {
            prometheus.close();
            prometheus = null;
        }
    }

    private static int createToken() {
        return given().auth().oauth2(Tokens.demoIdToken()).contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                .when().post("/connect-tokens").then().extract().statusCode();
    }

    /** Every route and outcome the rules and the dashboard read, once: a login, a refusal, 429s, Corbado calls. */
    private static void traffic() {
        WireMockServer corbado = WireMockResource.server("corbado.api-url");
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ctk-1\",\"secret\":\"ctks_1\",\"expires\":4102444800}")));
        corbado.stubFor(post("/v2/passkey/verifySignedData").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"verificationResult\":\"success\"}")));
        assertEquals(200, createToken());
        String data = Users.signedPasskeyData(Users.confirmedUser(Users.uniqueEmail("scrape")));
        given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", data, "clientState", "scrape"))
                .when().post("/passkey-login").then().statusCode(200);
        for (int i = 0; i < 6; i++) { // past the limit of 4 per minute: 429s
            given().contentType(ContentType.JSON).body("{}").when().post("/passkey-login");
        }
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body("{\"identifier\":\"a@b.c\"}")
                .when().post("/actions/pre-login");
        // The GC panels read jvm_gc_pause_seconds, which Micrometer creates at the first collection after the
        // start; with this machine's large default heap a test may see none. The service runs in this JVM
        // (@QuarkusTest), so one is forced here.
        System.gc();
    }

    private static Map<String, String> ruleExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode rule : AlertRulesTest.alerts()) {
            expressions.put("alert " + rule.path("alert").asText(), rule.path("expr").asText());
        }
        return expressions;
    }

    /** Each panel target's query, with Grafana's variables as Grafana would fill them in for "All" pods. */
    private static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : new ObjectMapper().readTree(Path.of("monitoring/dashboard.json").toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText().replace("$__rate_interval", "1m").replace("$instance", ".*"));
            }
        }
        return queries;
    }

    @Test
    @Order(1)
    void everyMetricAndLabelTheRulesAndTheDashboardUseIsScraped() throws IOException {
        Prometheus prometheus = prometheus();
        traffic();
        prometheus.await("the traffic's 429s in a scrape", () -> prometheus.query(
                "passkey_bff_rate_limit_decisions_total{job=\"passkey-bff\", limiter=\"login\", decision=\"rejected\"} > 0"),
                result -> result.size() == 1);
        prometheus.await("the forced collection in a scrape", () -> prometheus.query(
                "jvm_gc_pause_seconds_count{job=\"passkey-bff\"} > 0"), result -> !result.isEmpty());
        Map<String, String> expressions = ruleExpressions();
        expressions.putAll(dashboardQueries());
        List<String> missing = new ArrayList<>();
        for (var expression : expressions.entrySet()) {
            PromQlReferences refs = PromQlReferences.of(expression.getValue());
            Set<String> labelsSeen = new HashSet<>();
            boolean fromThisService = false;
            for (String metric : refs.metrics()) {
                if (metric.startsWith(KUBE_STATE_METRICS)) {
                    continue;
                }
                fromThisService = true;
                JsonNode series = prometheus.series(metric + "{job=\"passkey-bff\"}");
                if (series.isEmpty()) {
                    missing.add(expression.getKey() + ": no series " + metric);
                }
                series.forEach(one -> one.fieldNames().forEachRemaining(labelsSeen::add));
            }
            for (String label : refs.labels()) {
                if (fromThisService && !labelsSeen.contains(label)) {
                    missing.add(expression.getKey() + ": no label " + label + " on " + refs.metrics());
                }
            }
            prometheus.query(expression.getValue()); // evaluates without error, or api() fails
        }
        assertEquals(List.of(), missing);
    }

    @Test
    @Order(2)
    void everyDashboardQueryReturnsData() throws IOException {
        Prometheus prometheus = prometheus();
        List<String> empty = new ArrayList<>();
        for (var query : dashboardQueries().entrySet()) {
            // Rates over 1 m need two scrapes of the series: wait for them rather than guess.
            try {
                prometheus.await(query.getKey(), () -> prometheus.query(query.getValue()), result -> !result.isEmpty());
            } catch (AssertionError e) {
                empty.add(query.getKey() + ": " + query.getValue());
            }
        }
        assertEquals(List.of(), empty);
    }

    @Test
    @Order(3)
    void circuitOpenAlertFiresWhenCorbadoFails() throws IOException {
        Prometheus prometheus = prometheus();
        WireMockServer corbado = WireMockResource.server("corbado.api-url");
        corbado.stubFor(post(CONNECT_TOKENS).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 40 && breakers.currentState("corbado") != CircuitBreakerState.OPEN; i++) {
            createToken();
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("corbado"));
        JsonNode alert = prometheus.await("PasskeyBffCircuitOpen firing for corbado", () -> firing("PasskeyBffCircuitOpen"),
                found -> found != null && "corbado".equals(found.path("labels").path("upstream").asText()));
        assertEquals("critical", alert.path("labels").path("severity").asText());
        assertTrue(alert.path("annotations").path("description").asText().contains("calls to corbado are refused"),
                alert.toString());
    }

    private static JsonNode firing(String name) {
        for (JsonNode alert : prometheus.api("alerts", null, null).path("alerts")) {
            if (name.equals(alert.path("labels").path("alertname").asText()) && "firing".equals(alert.path("state").asText())) {
                return alert;
            }
        }
        return null;
    }
}
