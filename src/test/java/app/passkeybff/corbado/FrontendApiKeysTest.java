package app.passkeybff.corbado;

import app.passkeybff.observability.UpstreamMetrics;
import app.passkeybff.problem.ProblemException;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the Frontend API key set (which signs signedPasskeyData) is fetched, and what is served when it
 * cannot be: on a clock the test moves, against a loopback HTTP server that counts its requests (the
 * service-level proof, logins over HTTP while the key set is down, is {@code login.KeySetOutageTest}).
 */
class FrontendApiKeysTest {

    private static final String PROJECT = "pro-unit";

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile String document;
    private HttpServer server;
    private FrontendApiKeys keys;
    private RsaJsonWebKey first;
    private RsaJsonWebKey second;

    @BeforeEach
    void start() throws Exception {
        first = rsaKey("k1");
        second = rsaKey("k2");
        document = set(first);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks", exchange -> {
            requests.incrementAndGet();
            byte[] body = (status == 200 ? document : "{\"message\":\"down\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        keys = new FrontendApiKeys(config(url), metrics(), clock::get);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Metrics in memory, tracing off (as in a service without an OTLP endpoint). */
    private static UpstreamMetrics metrics() {
        return new UpstreamMetrics(new SimpleMeterRegistry(),
                new app.passkeybff.observability.UpstreamSpans(new app.passkeybff.observability.Tracing(
                        io.opentelemetry.api.OpenTelemetry.noop(), true)));
    }

    private static RsaJsonWebKey rsaKey(String kid) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        return key;
    }

    private static String set(RsaJsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private Optional<PublicKey> key(String kid) {
        return keys.key(PROJECT, kid).await().atMost(Duration.ofSeconds(30));
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void fetchesOnFirstUseAndServesFromMemoryWithinTheMaxAge() {
        assertEquals(first.getPublicKey(), key("k1").orElseThrow());
        advance(FrontendApiKeys.MAX_AGE.minusSeconds(1));
        assertEquals(first.getPublicKey(), key("k1").orElseThrow());
        assertEquals(1, requests.get());
    }

    @Test
    void fetchesAgainForAnUnknownKidAtMostEvery30Seconds() {
        key("k1");
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), key("forged-" + i));
            advance(Duration.ofSeconds(1));
        }
        assertEquals(1, requests.get(), "20 forged kids within 30 s of the fetch fetch nothing");
        document = set(first, second); // Corbado adds a key
        assertEquals(Optional.empty(), key("k2"), "still within 30 s of the last fetch");
        advance(FrontendApiKeys.UNKNOWN_KID_REFETCH.minusSeconds(20));
        assertEquals(second.getPublicKey(), key("k2").orElseThrow(), "30 s on, an unknown kid fetches the set again");
        assertEquals(2, requests.get());
        assertEquals(Optional.empty(), key("forged-again"));
        assertEquals(2, requests.get());
    }

    @Test
    void fetchesASetOlderThanTheMaxAgeAgainAndDropsARemovedKey() {
        key("k1");
        document = set(second); // Corbado rotated k1 out
        advance(FrontendApiKeys.MAX_AGE);
        assertEquals(Optional.empty(), key("k1"), "a removed key is not trusted past the max age");
        assertEquals(second.getPublicKey(), key("k2").orElseThrow());
        assertEquals(2, requests.get());
    }

    @Test
    void failedRefreshKeepsTheLastGoodKeys() {
        assertEquals(first.getPublicKey(), key("k1").orElseThrow());
        status = 503;
        advance(FrontendApiKeys.MAX_AGE.plusMinutes(1));
        assertEquals(first.getPublicKey(), key("k1").orElseThrow(), "the stale set still serves");
        assertEquals(2, requests.get(), "the refresh was tried");
        assertEquals(Optional.empty(), key("forged"), "an unknown kid is a refusal, not 503, while keys are held");
    }

    @Test
    void withoutKeysFailsWith503AndFetchesAtMostOnceASecond() {
        status = 503;
        ProblemException failure = assertThrows(ProblemException.class, () -> key("k1"));
        assertEquals(503, failure.status());
        for (int i = 0; i < 5; i++) {
            assertThrows(ProblemException.class, () -> key("k1"));
            advance(FrontendApiKeys.RETRY_AFTER_FAILURE.dividedBy(10));
        }
        assertEquals(1, requests.get(), "requests fail fast after a failed fetch");
        advance(FrontendApiKeys.RETRY_AFTER_FAILURE);
        status = 200;
        assertEquals(first.getPublicKey(), key("k1").orElseThrow());
        assertEquals(2, requests.get());
    }

    @Test
    void keySetOfTheProjectWhenNoFrontendApiUrlIsConfigured() {
        FrontendApiKeys ofProject = new FrontendApiKeys(config(""), metrics(), clock::get);
        assertEquals("https://pro-unit.frontendapi.cloud.corbado.io/.well-known/jwks", ofProject.keySetUrl(PROJECT));
        assertTrue(keys.keySetUrl(PROJECT).endsWith(server.getAddress().getPort() + "/.well-known/jwks"));
    }

    private static CorbadoConfig config(String frontendApiUrl) {
        return new CorbadoConfig() {
            @Override
            public String apiUrl() {
                return "http://127.0.0.1:9";
            }

            @Override
            public Optional<String> frontendApiUrl() {
                return Optional.of(frontendApiUrl);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration breakerDelay() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration connectTokenLifetime() {
                return Duration.ZERO;
            }
        };
    }
}
