package app.passkeybff.ratelimit;

import app.passkeybff.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code k8s/validate/login-spellings.txt} is the router's truth: every {@code login} target reaches the
 * passkey-login resource (its 400 for a body without signedPasskeyData) and no {@code other} target does.
 * The k8s validator then checks the example Ingress applies the login limit to exactly those spellings,
 * so the edge and the service cannot drift apart. Rate limits are off here (the test profile), so the
 * router alone answers; raw requests, because HTTP clients tidy such paths before sending them.
 */
@QuarkusTest
class LoginRouteSpellingsTest {

    private static final Path SPELLINGS = Path.of("k8s", "validate", "login-spellings.txt");

    private static List<String> targets(String kind) throws IOException {
        return Files.readAllLines(SPELLINGS).stream().map(String::trim)
                .filter(line -> line.startsWith(kind + " ")).map(line -> line.substring(kind.length() + 1).trim()).toList();
    }

    private static boolean reachesLogin(String target) throws IOException {
        try (RawHttp connection = new RawHttp(RestAssured.port, 10_000)) {
            connection.send(RawHttp.request("POST", target, Map.of("Content-Type", "application/json"), 2),
                    "{}".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response answer = connection.read(target);
            return answer.status() == 400 && answer.body().contains("signedPasskeyData");
        }
    }

    @Test
    void everyLoginSpellingReachesTheLoginResource() throws IOException {
        List<String> missed = new ArrayList<>();
        for (String target : targets("login")) {
            if (!reachesLogin(target)) {
                missed.add(target);
            }
        }
        assertEquals(List.of(), missed, "listed as login spellings, but the router does not serve the login for them");
    }

    @Test
    void noOtherSpellingReachesTheLoginResource() throws IOException {
        List<String> reached = new ArrayList<>();
        for (String target : targets("other")) {
            if (reachesLogin(target)) {
                reached.add(target);
            }
        }
        assertEquals(List.of(), reached, "listed as other routes, but the router serves the login for them");
    }
}
