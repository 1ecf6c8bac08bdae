package app.passkeybff.auth;

import app.passkeybff.support.JwksServer;
import app.passkeybff.support.Management;
import app.passkeybff.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No request waits for the pool's JWKS on an event-loop thread. The service runs ONE event loop here, so
 * a loop blocked by a fetch would hold up every other request; the JWKS is {@link JwksServer}, which this
 * test makes fail, or hold its answer until the test releases it. "Not held up" is an order, not a time:
 * another request is answered while the fetch is still held, however slow the machine. The methods run in
 * order: the first sees the service before any key set.
 */
@QuarkusTest
@TestProfile(JwksFetchTest.Profile.class)
@QuarkusTestResource(value = JwksServer.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksFetchTest {

    static final Duration MAX_AGE = Duration.ofSeconds(12);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.vertx.event-loops-pool-size", "1",
                    "auth.jwks-max-age", MAX_AGE.toSeconds() + "s",
                    // The JWKS fetch's bound: above how long a test holds the JWKS's answer.
                    "cognito.timeout", "150s");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static URI api(String path) {
        return URI.create("http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class) + path);
    }

    /** A valid ID token of the emulator pool, new each time (so never served from the verified-token cache). */
    private static String freshIdToken() {
        return Tokens.signWithEmulatorKey(Tokens.idTokenClaims());
    }

    private static CompletableFuture<HttpResponse<String>> connectTokens(String idToken) {
        HttpRequest request = HttpRequest.newBuilder(api("/connect-tokens")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + idToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"passkey-list\"}")).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** How long a public endpoint that needs no token takes to answer now. */
    private static Duration publicRequest() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(api("/client-state")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Until the JWKS holds a fetch. Which fetch does not matter: the timer's (it retries every few seconds
     * while the JWKS fails, so one may start just after {@link JwksServer#hold()}) or the one a token started;
     * a token that arrives while a fetch is under way joins it.
     */
    private static void awaitHeldFetch() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (JwksServer.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(JwksServer.waiting() > 0, "the JWKS was not fetched");
    }

    /** A request answered while the JWKS still holds a fetch was not held up by that fetch. */
    private static void assertAnsweredDuringTheFetch(String what) {
        assertTrue(JwksServer.waiting() > 0, what + " was answered only after the key-set fetch");
    }

    private static JsonPath readiness() {
        return Management.given().when().get("/q/health/ready").then().extract().jsonPath();
    }

    private static double fetches(String outcome) {
        String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^passkey_bff_jwks_fetches_total\\{outcome=\"" + outcome + "\"} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    @Order(1)
    void requestWaitingForTheKeySetDoesNotHoldUpOtherRequests() throws Exception {
        assertEquals("DOWN", readiness().getString("checks.find { it.name == 'cognito-jwks' }.status"),
                "no key set can be had yet");

        String forged = Tokens.sign(Tokens.idTokenClaims(), Tokens.newRsaKey(), "forged-" + UUID.randomUUID());
        JwksServer.hold();
        try {
            Thread.sleep(PoolKeys.RETRY_AFTER_FAILURE.toMillis() + 200); // past the pause after a failed fetch
            CompletableFuture<HttpResponse<String>> needsKeySet = connectTokens(freshIdToken());
            CompletableFuture<HttpResponse<String>> forgery = connectTokens(forged);
            awaitHeldFetch(); // a fetch is under way, held by the JWKS

            publicRequest();
            assertAnsweredDuringTheFetch("a public request");
            assertFalse(needsKeySet.isDone(), "the token waits for the key set (it is neither refused nor verified yet)");
            JwksServer.release();
            assertEquals(200, needsKeySet.get(60, TimeUnit.SECONDS).statusCode(), "verified once the key set came");
            HttpResponse<String> refused = forgery.get(60, TimeUnit.SECONDS);
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("\"code\":\"invalid_token\""), refused.body());
        } finally {
            JwksServer.release(); // a failure above must not leave the next test's fetches held
        }
    }

    @Test
    @Order(2)
    void readinessIsUpOnceAKeySetIsHeldAndEveryFetchIsCounted() {
        JsonPath ready = readiness();
        assertEquals("UP", ready.getString("checks.find { it.name == 'cognito-jwks' }.status"));
        assertTrue(ready.getString("checks.find { it.name == 'cognito-jwks' }.data.url").endsWith("/jwks.json"));
        assertTrue(ready.getString("checks.find { it.name == 'cognito-jwks' }.data.lastFetched") != null);
        assertTrue(fetches("failure") >= 1, "the failed fetch before the JWKS answered");
        assertTrue(fetches("success") >= 1, "the successful fetch");
    }

    @Test
    @Order(3)
    void forgedTokenWithUnknownKidIsRefusedWithoutHoldingUpOtherRequests() throws Exception {
        String forged = Tokens.sign(Tokens.idTokenClaims(), Tokens.newRsaKey(), "forged-" + UUID.randomUUID());
        JwksServer.serve(0);
        assertEquals(200, connectTokens(freshIdToken()).get(60, TimeUnit.SECONDS).statusCode());
        // Any fetch from now on is held: the forged kid may wait for one, never the request beside it.
        JwksServer.hold();
        CompletableFuture<HttpResponse<String>> forgery = connectTokens(forged);
        assertEquals(200, connectTokens(freshIdToken()).get(60, TimeUnit.SECONDS).statusCode(), "a valid token beside it");
        publicRequest();
        JwksServer.release();
        HttpResponse<String> refused = forgery.get(60, TimeUnit.SECONDS);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("\"code\":\"invalid_token\""), refused.body());

        // 20 forged kids in a row fetch nothing: an unknown kid fetches at most 30 s after the last fetch.
        // The only fetches meanwhile are the timer's (every MAX_AGE / 2), allowed for by the time they took.
        JwksServer.serve(0);
        var otherKey = Tokens.newRsaKey();
        int before = JwksServer.requests();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            String kid = "forged-" + i + "-" + UUID.randomUUID();
            assertEquals(401, connectTokens(Tokens.sign(Tokens.idTokenClaims(), otherKey, kid))
                    .get(30, TimeUnit.SECONDS).statusCode());
        }
        long timerFetches = (System.nanoTime() - start) / MAX_AGE.dividedBy(2).toNanos() + 1;
        int fetched = JwksServer.requests() - before;
        assertTrue(fetched <= timerFetches, fetched + " key-set fetches for 20 forged kids (the timer's share: " + timerFetches + ")");
    }

    @Test
    @Order(4)
    void quietPeriodLongerThanTheMaxAgeDoesNotMakeTheNextRequestWait() throws Exception {
        JwksServer.serve(0);
        assertEquals(200, connectTokens(freshIdToken()).get(60, TimeUnit.SECONDS).statusCode());
        int seen = JwksServer.requests();

        Thread.sleep(MAX_AGE.plusSeconds(2).toMillis()); // no traffic: the set held before has expired by now

        assertTrue(JwksServer.requests() > seen, "the key set was fetched again during the quiet period");
        // Held from now on: a token that needed a fetch would wait until the release below, and time out here.
        JwksServer.hold();
        try {
            HttpResponse<String> answer = connectTokens(freshIdToken()).get(60, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), "the first token after the quiet period needed no fetch");
        } finally {
            JwksServer.release();
        }
    }
}
