package app.passkeybff.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The user pool's JWKS as a loopback HTTP server the test controls ({@code cognito.jwks-url} points here),
 * for what the emulator never does: answer slowly or fail. It publishes the emulator's signing key (kid
 * {@code dummy}), so the emulator's tokens and {@link Tokens#signWithEmulatorKey} verify. Starts failing
 * (503) so a test sees the service before its first key set; each request is answered on its own thread.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    private static volatile HttpServer server;
    private static volatile ExecutorService threads;
    private static volatile int status = 503;
    private static volatile long delayMillis;
    private static volatile java.util.concurrent.CountDownLatch held;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger WAITING = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        try {
            status = 503;
            delayMillis = 0;
            REQUESTS.set(0);
            threads = Executors.newCachedThreadPool();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(threads);
            server.createContext("/jwks.json", exchange -> {
                REQUESTS.incrementAndGet();
                // The latch before the status (hold() writes them the other way round): a held request answers 200.
                java.util.concurrent.CountDownLatch hold = held;
                int answer = status;
                long delay = delayMillis;
                WAITING.incrementAndGet();
                try {
                    Thread.sleep(delay);
                    if (hold != null) {
                        hold.await(120, java.util.concurrent.TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    WAITING.decrementAndGet();
                }
                byte[] body = (answer == 200 ? publicSet() : "{\"message\":\"unavailable\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return Map.of("cognito.jwks-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicSet() {
        return new JsonWebKeySet(Tokens.emulatorKey()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** Answers 200 with the key set after {@code delayMillis}. */
    public static void serve(long delayMillis) {
        release();
        JwksServer.delayMillis = delayMillis;
        status = 200;
    }

    /**
     * Answers 200 with the key set only once {@link #release()} is called (two minutes at most): a fetch
     * under way for as long as the test needs, so "answered during the fetch" is an order, not a time.
     */
    public static void hold() {
        delayMillis = 0;
        status = 200;
        held = new java.util.concurrent.CountDownLatch(1);
    }

    /** Lets every held request answer, and the ones after it answer at once. */
    public static void release() {
        java.util.concurrent.CountDownLatch hold = held;
        held = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** Requests being answered right now (held or delayed). */
    public static int waiting() {
        return WAITING.get();
    }

    /** Answers 503. */
    public static void fail() {
        release();
        delayMillis = 0;
        status = 503;
    }

    /** Requests received so far (counted when they arrive, before any delay). */
    public static int requests() {
        return REQUESTS.get();
    }
}
