package app.passkeybff.observability;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reference finder the scrape test relies on to notice a renamed metric or label. */
class PromQlReferencesTest {

    @Test
    void findsMetricsAndLabelsOfSelectorsAggregationsAndJoins() {
        PromQlReferences refs = PromQlReferences.of("""
                histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job="passkey-bff", uri=~"/a|/b"}[5m]))) > 1
                and on (uri) sum by (uri) (rate(http_server_requests_seconds_count[5m] offset 1m)) > 1e-2
                unless label_replace(up, "upstream", "$1", "method", "(.*)") == 0""");
        assertEquals(Set.of("http_server_requests_seconds_bucket", "http_server_requests_seconds_count", "up"), refs.metrics());
        assertEquals(Set.of("job", "uri", "le"), refs.labels());
    }

    @Test
    void readsBareNamesAndStringsThatLookLikeSelectors() {
        PromQlReferences refs = PromQlReferences.of("absent(up{job=\"x\"} == 1) or passkey_bff_secrets_loaded == 0"
                + " or count(ft_state{state!=\"a{b}\"}) without (instance)");
        assertEquals(Set.of("up", "passkey_bff_secrets_loaded", "ft_state"), refs.metrics());
        assertEquals(Set.of("job", "state", "instance"), refs.labels());
    }
}
