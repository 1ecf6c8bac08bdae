package app.passkeybff.observability;

import app.passkeybff.support.Management;
import app.passkeybff.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unauthenticated clients cannot fill the {@code uri} tag of {@code http_server_requests_seconds}:
 * answers written before routing (429, the webhooks' 401, 413) are tagged with the route the request
 * would reach, whatever its spelling, or {@code UNMATCHED}. Before, they carried the raw path: 150
 * spellings gave 100 values, Micrometer's cap, after which new series were dropped, so later 429s of
 * {@code /passkey-login} went missing from the metrics.
 */
@QuarkusTest
@TestProfile(UriTagCardinalityTest.Profile.class)
class UriTagCardinalityTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rate-limit.enabled", "true", "rate-limit.login-per-minute", "2",
                    "rate-limit.actions-per-minute", "3", "rate-limit.trusted-proxies", "127.0.0.0/8, ::1/128");
        }
    }

    private static final Pattern URI = Pattern.compile("^http_server_requests_seconds_count\\{.*uri=\"([^\"]*)\"", Pattern.MULTILINE);

    private static int post(String path, String client, int contentLength, String... headers) throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("X-Forwarded-For", client);
        all.put("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            byte[] body = contentLength <= 16 * 1024 ? RawHttp.jsonBody(Math.max(contentLength, 30)) : new byte[0];
            connection.send(RawHttp.request("POST", path, all, body.length > 0 ? body.length : contentLength), body);
            return connection.read(path).status();
        }
    }

    private static String scrape() {
        return Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double count(String scrape, String uri, String status) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"" + uri + "\"")
                    && line.contains("status=\"" + status + "\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Test
    void distinctSpellingsNeverFillTheUriTag() throws IOException {
        for (int i = 0; i < 150; i++) {
            int status = post("/actions/pre-login;r=" + i, "198.51.100.50", 30, "Authorization", "Bearer wrong-" + i);
            assertTrue(status == 401 || status == 429, "wrong secret answered " + status);
        }
        for (int i = 0; i < 30; i++) {
            assertEquals(413, post("/no-such-path-" + i, "198.51.100.51", 20_000));
        }
        // Past all of that, a login limit spent through yet another spelling still lands in the login series.
        for (int i = 0; i < 2; i++) {
            assertEquals(400, post("/passkey-login", "198.51.100.52", 30));
        }
        assertEquals(429, post("/passkey-login;after=flood", "198.51.100.52", 30));

        String scrape = scrape();
        Set<String> uris = new TreeSet<>();
        Matcher matcher = URI.matcher(scrape);
        while (matcher.find()) {
            uris.add(matcher.group(1));
        }
        assertTrue(uris.size() <= 12, "uri tag values: " + uris);
        assertTrue(uris.contains("UNMATCHED"), "unknown paths answered early are UNMATCHED: " + uris);
        assertTrue(count(scrape, "/actions/pre-login", "429") >= 1, "webhook 429s under their route: " + uris);
        assertTrue(count(scrape, "/actions/pre-login", "401") >= 1, "webhook 401s under their route: " + uris);
        assertTrue(count(scrape, "/passkey-login", "429") >= 1, "the login 429 after the flood went missing: " + uris);
    }
}
