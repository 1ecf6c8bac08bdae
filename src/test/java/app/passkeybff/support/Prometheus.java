package app.passkeybff.support;

import app.passkeybff.local.LocalAws;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Debian's Prometheus server and promtool ({@code scripts/install-prometheus.sh}), run by tests: a
 * server on a loopback port with a generated configuration and its own data directory, stopped (and
 * its directory removed) on {@link #close()}, and its HTTP API.
 */
public final class Prometheus implements AutoCloseable {

    /** What a promtool run printed and how it ended. */
    public record Result(int exitCode, String output) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    private final Process process;
    private final Path directory;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Prometheus(Process process, Path directory, URI base) {
        this.process = process;
        this.directory = directory;
        this.base = base;
    }

    private static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is missing: run scripts/install-prometheus.sh");
    }

    public static Result promtool(String... args) throws IOException, InterruptedException {
        String[] command = Stream.concat(Stream.of(binary("promtool")), Stream.of(args)).toArray(String[]::new);
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)) {
            run.destroyForcibly();
            throw new IllegalStateException("promtool did not finish: " + output);
        }
        return new Result(run.exitValue(), output);
    }

    /**
     * Starts a server on a free loopback port with this configuration ({@code prometheus.yml}) and
     * these extra files beside it (rule files, named as the configuration names them).
     */
    public static Prometheus start(String config, java.util.Map<String, String> files) throws IOException {
        Path directory = Files.createTempDirectory("prometheus-test");
        Files.writeString(directory.resolve("prometheus.yml"), config);
        for (var file : files.entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), file.getValue());
        }
        int port = LocalAws.freePort();
        Path log = Path.of("target/prometheus-test.log");
        Process process = new ProcessBuilder(binary("prometheus"),
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A test JVM that dies without closing must not leave the server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        Prometheus prometheus = new Prometheus(process, directory, URI.create("http://127.0.0.1:" + port));
        prometheus.await("the server to answer", () -> prometheus.get("/-/ready") != null, Boolean::booleanValue);
        return prometheus;
    }

    /** The body of a GET on the API, or null when the server does not answer 200 (yet). */
    private String get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code /api/v1/<endpoint>?<param>=<value>}'s {@code data}; fails on an error answer. */
    public JsonNode api(String endpoint, String param, String value) {
        String query = param == null ? "" : "?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/" + endpoint + query))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new AssertionError(endpoint + " " + value + ": " + response.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An instant query's result vector. */
    public JsonNode query(String promQl) {
        return api("query", "query", promQl).path("result");
    }

    /** The series matching a selector. */
    public JsonNode series(String selector) {
        return api("series", "match[]", selector);
    }

    /**
     * Polls until {@code read} gives a value {@code done} accepts. The deadline is generous and is no
     * measurement: it only stops a test that would otherwise wait forever.
     */
    public <T> T await(String what, java.util.function.Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(HANG_GUARD);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited (" + process.exitValue() + "), see target/prometheus-test.log");
            }
            last = read.get();
            if (last != null && done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("gave up waiting for " + what + "; last seen: " + last);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
