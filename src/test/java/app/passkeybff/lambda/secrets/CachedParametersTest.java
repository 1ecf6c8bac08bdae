package app.passkeybff.lambda.secrets;

import app.passkeybff.lambda.LambdaEnvironment;
import app.passkeybff.local.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the verify Lambda reads its Corbado credentials from SSM: against the local SSM emulator, with
 * the client {@link LambdaEnvironment#ssm()} builds (one bounded attempt, no SDK retries), and the
 * warm container's cache that keeps the last good values when a re-read fails.
 */
class CachedParametersTest {

    private static final List<String> NAMES = List.of("/passkey-bff/corbado-project-id", "/passkey-bff/corbado-api-secret");
    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration RETRY = Duration.ofSeconds(10);

    @BeforeAll
    static void lambdaCredentials() {
        // What the execution role provides in Lambda; the SDK's default chain reads these first.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void keepsTheLastGoodValuesWhenSsmStopsAnsweringAndRetriesOnlyAfterTheRetryInterval() {
        LocalAws aws = LocalAws.start(Path.of("src/emulator/local_aws.py"), LocalAws.freePort(), "http://127.0.0.1:9",
                Path.of("target/local-aws-ssm.log"));
        try {
            LocalAws.Seed seed = aws.seed();
            var ssm = new CountingSsm(LambdaEnvironment.of(Map.of("SSM_ENDPOINT", aws.endpoint().toString())).ssm());
            AtomicLong clock = new AtomicLong();
            var parameters = new CachedParameters(ssm, NAMES, REFRESH, RETRY, clock::get);
            parameters.warm(); // the handler's constructor, in Lambda's init phase
            assertEquals(1, ssm.calls.get());
            Map<String, String> good = parameters.get();
            assertEquals(seed.corbadoApiSecret(), good.get(NAMES.get(1)));
            assertEquals(good, parameters.get());
            assertEquals(1, ssm.calls.get(), "cached between refreshes");

            aws.close();
            clock.addAndGet(REFRESH.plusSeconds(1).toNanos());
            long start = System.nanoTime();
            assertEquals(good, parameters.get(), "last good values after a failed re-read");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "bounded by SECRETS_TIMEOUT");
            assertEquals(2, ssm.calls.get());

            clock.addAndGet(RETRY.minusSeconds(1).toNanos());
            assertEquals(good, parameters.get());
            assertEquals(2, ssm.calls.get(), "no SSM call within the retry interval");
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertEquals(good, parameters.get());
            assertEquals(3, ssm.calls.get(), "tried again after the retry interval");
        } finally {
            aws.close();
        }
    }

    @Test
    void boundsAnSsmReadThatNeverAnswersToOneAttemptWellUnderCognitosFiveSeconds() throws Exception {
        try (BlackHole ssmThatHangs = new BlackHole()) {
            SsmClient ssm = LambdaEnvironment.of(Map.of("SSM_ENDPOINT", ssmThatHangs.url(), "SECRETS_TIMEOUT", "1s")).ssm();
            var parameters = new CachedParameters(ssm, NAMES, REFRESH, RETRY, System::nanoTime);
            long start = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(RuntimeException.class, parameters::get));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3000, "took " + millis + " ms with SECRETS_TIMEOUT=1s; Cognito allows the trigger 5 s");
            Thread.sleep(200);
            assertEquals(1, ssmThatHangs.accepted.get(), "one attempt: SDK retries are off");
            assertDoesNotThrow(parameters::warm, "a handler still starts when SSM is down");
        }
    }

    @Test
    void reportsEveryFailedReadWhileNoValuesAreLoaded() {
        // SSM down at start and still down: each login's read fails, and the log must say it was SSM
        // (the trigger's own line only says generic_error), never a parameter's value.
        SsmClient refused = LambdaEnvironment.of(Map.of("SSM_ENDPOINT", "http://127.0.0.1:9")).ssm();
        var parameters = new CachedParameters(refused, NAMES, REFRESH, RETRY, System::nanoTime);
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            parameters.warm();
            assertThrows(RuntimeException.class, parameters::get);
            assertThrows(RuntimeException.class, parameters::get);
        } finally {
            System.setErr(original);
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("SSM")).toList();
        assertEquals(3, lines.size(), "one line per failed read: " + lines);
        assertTrue(lines.get(2).contains("SdkClientException"), lines.get(2));
    }

    /** A real SSM client that counts GetParameters calls. */
    private static final class CountingSsm implements SsmClient {
        private final SsmClient delegate;
        final AtomicInteger calls = new AtomicInteger();

        CountingSsm(SsmClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public GetParametersResponse getParameters(GetParametersRequest request) {
            calls.incrementAndGet();
            return delegate.getParameters(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Accepts connections on loopback and never answers, like an SSM endpoint behind a dead route. */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();
        final AtomicInteger accepted = new AtomicInteger();

        BlackHole() throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = server.accept();
                        synchronized (held) {
                            held.add(socket);
                        }
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // server closed
                }
            }, "ssm-black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }
}
