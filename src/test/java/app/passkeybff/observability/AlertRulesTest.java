package app.passkeybff.observability;

import app.passkeybff.support.Prometheus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alerting rules as Prometheus' own tool reads them: {@code promtool check rules} accepts
 * {@code monitoring/alerts.yaml}, {@code promtool test rules} passes its unit tests, every alert has
 * tests where it fires and where it must not, and every alert says what it is and where its runbook is.
 */
class AlertRulesTest {

    static final Path RULES = Path.of("monitoring/alerts.yaml");
    static final Path RULE_TESTS = Path.of("monitoring/alerts-test.yaml");
    static final Path RUNBOOK = Path.of("docs/alerts-and-runbooks.md");
    static final String RUNBOOK_URL = "https://passkey-bff.dev/docs/alerts-and-runbooks.md#";

    static List<JsonNode> alerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(RULES.toFile()).path("groups")) {
            group.path("rules").forEach(alerts::add);
        }
        return alerts;
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Prometheus.Result check = Prometheus.promtool("check", "rules", RULES.toString());
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("SUCCESS: " + alerts().size() + " rules found"), check.output());
    }

    @Test
    void everyRulePassesItsPromtoolUnitTests() throws Exception {
        Prometheus.Result test = Prometheus.promtool("test", "rules", RULE_TESTS.toString());
        assertEquals(0, test.exitCode(), test.output());
        assertTrue(test.output().contains("SUCCESS"), test.output());
    }

    @Test
    void everyAlertHasUnitTestsWhereItFiresAndWhereItMustNot() throws IOException {
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode test : new YAMLMapper().readTree(RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode expectation : test.path("alert_rule_test")) {
                String alert = expectation.path("alertname").asText();
                (expectation.path("exp_alerts").isEmpty() ? quiet : fires).add(alert);
            }
        }
        for (JsonNode rule : alerts()) {
            String alert = rule.path("alert").asText();
            assertTrue(fires.contains(alert), alert + " has no unit test in which it fires");
            assertTrue(quiet.contains(alert), alert + " has no unit test in which it must stay quiet");
        }
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookThatExists() throws IOException {
        String runbook = Files.readString(RUNBOOK);
        for (JsonNode rule : alerts()) {
            String alert = rule.path("alert").asText();
            assertTrue(Set.of("critical", "warning").contains(rule.path("labels").path("severity").asText()),
                    alert + ": severity must be critical (pages) or warning");
            assertTrue(rule.path("annotations").path("summary").asText().length() > 10, alert + ": summary");
            // An absence has no values to show; every other alert shows what crossed its threshold.
            assertTrue(rule.path("expr").asText().startsWith("absent(")
                            || rule.path("annotations").path("description").asText().contains("{{"),
                    alert + ": the description must carry the values that matter");
            assertEquals(RUNBOOK_URL + alert.toLowerCase(Locale.ROOT), rule.path("annotations").path("runbook_url").asText(),
                    alert + ": runbook_url");
            int section = runbook.indexOf("\n### " + alert + "\n");
            assertTrue(section >= 0, alert + " has no runbook section '### " + alert + "' in " + RUNBOOK);
            int next = runbook.indexOf("\n### ", section + 1);
            String text = runbook.substring(section, next < 0 ? runbook.length() : next);
            for (String part : List.of("What it means", "What to check", "What to do")) {
                assertTrue(text.contains("**" + part + "**"), alert + "'s runbook lacks '" + part + "'");
            }
        }
    }
}
