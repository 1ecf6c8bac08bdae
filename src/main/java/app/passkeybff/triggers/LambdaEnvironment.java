package app.passkeybff.triggers;

import app.passkeybff.secrets.CorbadoCredentials;
import app.passkeybff.secrets.SecretParameters;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Configuration of the Lambda handlers, from their environment: the same variable names as the
 * service (README, "Lambda artifact"). Secrets come from SSM through {@link SecretParameters}, the
 * code the service uses, cached per warm container for five minutes.
 */
public final class LambdaEnvironment {

    private static final Duration SECRET_TTL = Duration.ofMinutes(5);

    private LambdaEnvironment() {
    }

    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is required");
        }
        return value;
    }

    static String optional(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(optional(name, Integer.toString(fallback)));
    }

    static Duration duration(String millisName, Duration fallback) {
        return Duration.ofMillis(Long.parseLong(optional(millisName, Long.toString(fallback.toMillis()))));
    }

    static SsmClient ssm() {
        SsmClientBuilder builder = SsmClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(optional("AWS_REGION", "us-east-1")));
        String endpoint = System.getenv("SSM_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    static Supplier<CorbadoCredentials> corbadoCredentials() {
        String projectId = optional("CORBADO_PROJECT_ID_PARAM", "/passkey-bff/corbado-project-id");
        String apiSecret = optional("CORBADO_API_SECRET_PARAM", "/passkey-bff/corbado-api-secret");
        Supplier<Map<String, String>> values = cachedParameters(ssm(), List.of(projectId, apiSecret));
        return () -> {
            Map<String, String> loaded = values.get();
            return new CorbadoCredentials(loaded.get(projectId), loaded.get(apiSecret));
        };
    }

    static Supplier<Map<String, String>> cachedParameters(SsmClient ssm, List<String> names) {
        return new Supplier<>() {
            private Map<String, String> values;
            private long loadedAt;

            @Override
            public synchronized Map<String, String> get() {
                if (values == null || System.nanoTime() - loadedAt > SECRET_TTL.toNanos()) {
                    values = SecretParameters.values(names, ssm.getParameters(SecretParameters.request(names)));
                    loadedAt = System.nanoTime();
                }
                return values;
            }
        };
    }
}
