package app.passkeybff.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged jar ({@code java -jar target/quarkus-app/quarkus-run.jar}) configured only through the
 * environment variables the README documents. A malformed value must stop the start-up with a line
 * naming the variable, before anything listens: before these checks a negative or zero duration, a
 * zero rate, a URL that is not one or a typo in a boolean started the service, which then answered 500
 * on every request, never became ready, or silently switched a defence off.
 */
class StartupConfigurationIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final long LIMIT_SECONDS = 90;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startsWithTheRequiredVariablesOnly() throws Exception {
        Run run = start(Map.of());
        assertTrue(run.started, "the service did not start with only the required variables:\n" + run.output);
    }

    /**
     * Quarkus ignores a configuration key it does not know (a key renamed by an upgrade, a typo) with a mere
     * warning: on 3.33 {@code quarkus.http.cors=true} silently switched CORS off. Every key the production
     * profile reads must be one Quarkus knows, and none deprecated.
     */
    @Test
    void everyConfigurationKeyIsKnownAndCurrent() throws Exception {
        Run run = start(Map.of());
        assertTrue(run.started, run.output);
        List<String> warnings = run.output.lines().filter(line -> line.contains("io.quarkus.config")
                || line.contains("Unrecognized configuration key") || line.contains("is deprecated")).toList();
        assertEquals(List.of(), warnings, "configuration warnings at start-up");
    }

    /**
     * Production logs are JSON lines a collector can parse (quarkus.log.console.json.enabled): a renamed or
     * ignored switch would fall back to plain text without a word.
     */
    @Test
    void productionLogsAreJsonLines() throws Exception {
        Run run = start(Map.of());
        assertTrue(run.started, run.output);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = run.output.lines().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty(), "no log output");
        for (String line : lines) {
            var json = mapper.readTree(line);
            assertTrue(json.isObject() && json.hasNonNull("level") && json.hasNonNull("message"), "not a JSON log line: " + line);
        }
    }

    /** The production default: CORS_ORIGINS unset admits no other origin, with or without credentials. */
    @Test
    void corsAdmitsNoOriginWhenCorsOriginsIsUnset() throws Exception {
        Run run = start(Map.of(), port -> {
            HttpResponse<String> preflight = preflight(port, "https://app.example.com");
            assertEquals(Optional.empty(), preflight.headers().firstValue("Access-Control-Allow-Origin"), preflight.headers().toString());
            HttpResponse<String> actual = send(port, HttpRequest.newBuilder(uri(port, "/client-state"))
                    .header("Origin", "https://app.example.com").GET());
            assertEquals(Optional.empty(), actual.headers().firstValue("Access-Control-Allow-Origin"), actual.headers().toString());
        });
        assertTrue(run.started, run.output);
    }

    /** CORS_ORIGINS lists origins: exactly those are admitted, with credentials (the SPA's cookie); no other. */
    @Test
    void corsAdmitsExactlyTheConfiguredOriginsWithCredentials() throws Exception {
        Run run = start(Map.of("CORS_ORIGINS", "https://app.example.com,https://admin.example.com"), port -> {
            for (String origin : List.of("https://app.example.com", "https://admin.example.com")) {
                HttpResponse<String> preflight = preflight(port, origin);
                assertEquals(Optional.of(origin), preflight.headers().firstValue("Access-Control-Allow-Origin"),
                        preflight.headers().toString());
                assertEquals(Optional.of("true"), preflight.headers().firstValue("Access-Control-Allow-Credentials"),
                        preflight.headers().toString());
                HttpResponse<String> actual = send(port, HttpRequest.newBuilder(uri(port, "/client-state"))
                        .header("Origin", origin).GET());
                assertEquals(Optional.of(origin), actual.headers().firstValue("Access-Control-Allow-Origin"),
                        actual.headers().toString());
            }
            for (String stranger : List.of("https://evil.example", "https://app.example.com.evil.example", "null")) {
                HttpResponse<String> preflight = preflight(port, stranger);
                assertNotEquals(Optional.of(stranger), preflight.headers().firstValue("Access-Control-Allow-Origin"),
                        preflight.headers().toString());
                assertNotEquals(Optional.of("*"), preflight.headers().firstValue("Access-Control-Allow-Origin"),
                        preflight.headers().toString());
            }
        });
        assertTrue(run.started, run.output);
    }

    private static HttpResponse<String> preflight(int port, String origin) throws Exception {
        return send(port, HttpRequest.newBuilder(uri(port, "/connect-tokens")).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(int port, HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The line names the variable, or the property it maps to (docs/configuration.md). */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "HTTP_BODY_TIMEOUT              | -1s                     | must be a positive duration | http.body-timeout",
            "CORBADO_TIMEOUT                | 0s                      | must be a positive duration | corbado.timeout",
            "COGNITO_TIMEOUT                | -2s                     | must be a positive duration | cognito.timeout",
            "SECRETS_REFRESH_INTERVAL       | 0s                      | must be a positive duration | secrets.refresh-interval",
            "AUTH_JWKS_MAX_AGE              | 0s                      | must be a positive duration | auth.jwks-max-age",
            "RATE_LIMIT_LOGIN_PER_MINUTE    | 0                       | must be at least 1 | rate-limit.login-per-minute",
            "RATE_LIMIT_USER_PER_MINUTE     | 0                       | must be at least 1 | rate-limit.user-per-minute",
            "COGNITO_ENDPOINT               | not a url               | must be an http(s) URL | cognito.endpoint",
            "CORBADO_API_URL                | ftp://corbado.example   | must be an http(s) URL | corbado.api-url",
            "AWS_REGION                     | us east 1               | must be an AWS region | cognito.region",
            "CLIENT_STATE_COOKIE            | bad;name                | must be a cookie name | client-state.cookie-name",
            "RATE_LIMIT_ENABLED             | ture                    | expected true or false | rate-limit.enabled",
            "ACTIONS_MFA_ON_APPEND          | flase                   | expected true or false | append.mfa-on-append",
            "TRUSTED_PROXIES                | 10.0.0.0/8,not-an-ip    | not an IP address or CIDR range | rate-limit.trusted-proxies",
    })
    void refusesToStartOnAMalformedVariable(String variable, String value, String reason, String property) throws Exception {
        Run run = start(Map.of(variable, value));
        assertRefused(run, variable, property, reason);
    }

    @ParameterizedTest
    @CsvSource({"COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID"})
    void refusesToStartWithoutARequiredVariable(String variable) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put(variable, null);
        Run run = start(env);
        assertRefused(run, variable, variable, "Could not expand value " + variable);
        // SmallRye repeats the line for each property that refers to the missing one: one distinct line.
        assertEquals(1, run.output.lines().filter(line -> line.contains(variable)).distinct().count(),
                "one line reports the missing variable:\n" + run.output);
    }

    private static void assertRefused(Run run, String variable, String property, String reason) {
        assertFalse(run.started, "started despite the bad " + variable + ":\n" + run.output);
        assertNotEquals(0, run.exitCode, run.output);
        assertTrue(run.output.lines().anyMatch(line -> (line.contains(variable) || line.contains(property)) && line.contains(reason)),
                "no line names " + variable + " and says '" + reason + "':\n" + run.output);
        assertFalse(run.output.contains("\tat ") || run.output.contains("\\tat "),
                "a stack trace instead of one line:\n" + run.output);
    }

    private record Run(boolean started, int exitCode, String output) {
    }

    /** What a test does with the running service on its API port. */
    private interface WhileRunning {
        void accept(int port) throws Exception;
    }

    private static Run start(Map<String, String> changes) throws Exception {
        return start(changes, port -> { });
    }

    /**
     * The required variables plus {@code changes} (a null value removes one); once started, {@code whileRunning}
     * talks to it; then it is stopped.
     */
    private static Run start(Map<String, String> changes, WhileRunning whileRunning) throws Exception {
        assertTrue(Files.exists(JAR), JAR + " missing: failsafe runs after package");
        Path log = Files.createTempFile("startup-config", ".log");
        // C1 only: each start is short and CPU-bound, and what it checks is configuration, not speed.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("COGNITO_")
                || name.startsWith("CORBADO_") || name.startsWith("AWS_") || name.startsWith("RATE_LIMIT_"));
        env.put("COGNITO_USER_POOL_ID", "us-east-1_example");
        env.put("COGNITO_CLIENT_ID", "exampleclient");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        int port = freePort();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(freePort()));
        // Nothing is reached: SSM and the JWKS fail fast on a closed port instead of resolving AWS hosts.
        env.put("SSM_ENDPOINT", "http://127.0.0.1:9");
        env.put("AWS_ACCESS_KEY_ID", "none");
        env.put("AWS_SECRET_ACCESS_KEY", "none");
        changes.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (output.contains(" started in ")) {
                    whileRunning.accept(port);
                    return new Run(true, -1, Files.readString(log, StandardCharsets.UTF_8));
                }
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    return new Run(false, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
                }
            }
            fail("neither started nor exited within " + LIMIT_SECONDS + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            return null;
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
