package app.passkeybff.lambda.secrets;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm Lambda container's cache of SSM parameters, on an SSM in memory and a clock the test moves
 * (against the local SSM emulator, with the SDK client the Lambda builds: {@code CachedParametersTest}).
 */
class CachedParametersCacheTest {

    private static final List<String> NAMES = List.of("/p/project", "/p/secret");
    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Duration RETRY = Duration.ofSeconds(10);

    /** SSM in memory: answers the values it holds, or fails while {@code down}; counts the calls. */
    private static final class MemorySsm implements SsmClient {
        final List<GetParametersRequest> calls = new ArrayList<>();
        Map<String, String> values = Map.of("/p/project", "pro-1", "/p/secret", "s3cret");
        boolean down;

        @Override
        public GetParametersResponse getParameters(GetParametersRequest request) {
            calls.add(request);
            if (down) {
                throw SdkClientException.create("unreachable");
            }
            return GetParametersResponse.builder().parameters(values.entrySet().stream()
                    .map(e -> Parameter.builder().name(e.getKey()).value(e.getValue()).build()).toList()).build();
        }

        @Override
        public String serviceName() {
            return "ssm";
        }

        @Override
        public void close() {
        }
    }

    private final MemorySsm ssm = new MemorySsm();
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final CachedParameters parameters = new CachedParameters(ssm, NAMES, REFRESH, RETRY, clock::get);

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void readsAllNamesDecryptedOnceAndKeepsThemUntilTheRefresh() {
        assertEquals(Map.of("/p/project", "pro-1", "/p/secret", "s3cret"), parameters.get());
        assertEquals(NAMES, ssm.calls.get(0).names());
        assertTrue(ssm.calls.get(0).withDecryption());
        advance(REFRESH.minusNanos(1));
        parameters.get();
        assertEquals(1, ssm.calls.size(), "cached until the refresh interval has passed");
        ssm.values = Map.of("/p/project", "pro-1", "/p/secret", "rotated");
        advance(Duration.ofNanos(1));
        assertEquals("rotated", parameters.get().get("/p/secret"), "re-read at the refresh interval");
        assertEquals(2, ssm.calls.size());
    }

    @Test
    void keepsTheLastGoodValuesWhenARefreshFailsAndRetriesAfterTheRetryInterval() {
        Map<String, String> good = parameters.get();
        ssm.down = true;
        advance(REFRESH);
        assertEquals(good, parameters.get());
        assertEquals(2, ssm.calls.size());
        advance(RETRY.minusNanos(1));
        assertEquals(good, parameters.get());
        assertEquals(2, ssm.calls.size(), "no SSM call within the retry interval");
        advance(Duration.ofNanos(1));
        assertEquals(good, parameters.get());
        assertEquals(3, ssm.calls.size(), "tried again after the retry interval");
        ssm.down = false;
        advance(RETRY);
        parameters.get();
        assertEquals(4, ssm.calls.size());
        advance(RETRY);
        parameters.get();
        assertEquals(4, ssm.calls.size(), "back on the refresh interval once a read succeeded");
    }

    @Test
    void failsEachReadWhileNothingWasEverLoadedAndSaysSo() {
        ssm.down = true;
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertDoesNotThrow(parameters::warm);
            assertThrows(SdkClientException.class, parameters::get);
            assertThrows(SdkClientException.class, parameters::get);
        } finally {
            System.setErr(original);
        }
        assertEquals(3, ssm.calls.size(), "no pause before anything was loaded");
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("SdkClientException") && lines.get(0).contains("nothing loaded yet"), lines.get(0));
        ssm.down = false;
        assertEquals("s3cret", parameters.get().get("/p/secret"));
    }

    @Test
    void saysARefreshFailedWithoutShowingAValue() {
        parameters.get();
        ssm.down = true;
        advance(REFRESH);
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            parameters.get();
        } finally {
            System.setErr(original);
        }
        String line = err.toString(StandardCharsets.UTF_8).trim();
        assertEquals("SSM refresh failed (SdkClientException); keeping the last good values", line);
        assertFalse(line.contains("s3cret"));
    }

    @Test
    void aMissingOrEmptyParameterIsAFailedRead() {
        ssm.values = Map.of("/p/project", "pro-1", "/p/secret", " ");
        SecretParameters.MissingSecretsException missing = assertThrows(SecretParameters.MissingSecretsException.class,
                () -> silently(parameters));
        assertEquals("SSM parameters missing or empty: /p/secret", missing.getMessage());
        ssm.values = Map.of("/p/secret", "s");
        missing = assertThrows(SecretParameters.MissingSecretsException.class, () -> silently(parameters));
        assertEquals("SSM parameters missing or empty: /p/project", missing.getMessage());
    }

    private static void silently(CachedParameters parameters) {
        PrintStream original = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            parameters.get();
        } finally {
            System.setErr(original);
        }
    }
}
