package app.passkeybff.lambda;

import app.passkeybff.lambda.cognito.SdkUserDirectory;
import app.passkeybff.lambda.cognito.UserDirectory;
import app.passkeybff.lambda.corbado.CorbadoCredentials;
import app.passkeybff.lambda.corbado.PasskeyVerifier;
import app.passkeybff.lambda.secrets.CachedParameters;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the five Lambda handlers read from their environment, with the service's variable
 * names and value formats (docs/configuration.md): a handler's no-argument constructor is what the
 * Lambda runtime calls, and it asks this class for its collaborators. Credentials come from the
 * function's execution role through the SDK's default chain.
 */
public final class LambdaEnvironment {

    static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Well under Cognito's 5 s per trigger, leaving room for the SSM read and a cold start. */
    static final Duration DEFAULT_CORBADO_TIMEOUT = Duration.ofMillis(2500);
    /** One SSM attempt, no retries: with the Corbado call it stays under Cognito's 5 s. */
    static final Duration DEFAULT_SECRETS_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DEFAULT_SECRETS_REFRESH = Duration.ofMinutes(5);
    static final Duration DEFAULT_SECRETS_RETRY = Duration.ofSeconds(10);

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)?");

    private final Function<String, String> variables;

    private LambdaEnvironment(Function<String, String> variables) {
        this.variables = variables;
    }

    /** The process environment, as the Lambda runtime sets it. */
    public static LambdaEnvironment system() {
        return new LambdaEnvironment(System::getenv);
    }

    /** A given set of variables (tests, local hosts). */
    public static LambdaEnvironment of(Map<String, String> variables) {
        return new LambdaEnvironment(variables::get);
    }

    /** {@code TRIGGERS_MAX_ATTEMPTS}: wrong passkey answers before the define trigger fails (older name {@code MAX_PASSKEY_ATTEMPTS}). */
    public int maxAttempts() {
        return optional("TRIGGERS_MAX_ATTEMPTS").or(() -> optional("MAX_PASSKEY_ATTEMPTS"))
                .map(value -> parseInt("TRIGGERS_MAX_ATTEMPTS", value)).orElse(DEFAULT_MAX_ATTEMPTS);
    }

    /** {@code CORBADO_TIMEOUT}: bound of the verifySignedData call (older name {@code CORBADO_TIMEOUT_MS}, milliseconds). */
    public Duration corbadoTimeout() {
        Optional<Duration> timeout = duration("CORBADO_TIMEOUT");
        if (timeout.isPresent()) {
            return timeout.get();
        }
        return optional("CORBADO_TIMEOUT_MS").map(millis -> Duration.ofMillis(parseInt("CORBADO_TIMEOUT_MS", millis)))
                .orElse(DEFAULT_CORBADO_TIMEOUT);
    }

    /** Corbado's verifySignedData with the Backend API credentials from SSM. */
    public PasskeyVerifier passkeyVerifier() {
        String apiUrl = optional("CORBADO_API_URL").orElse("https://backendapi.cloud.corbado.io");
        String projectId = optional("CORBADO_PROJECT_ID_PARAM").orElse("/passkey-bff/corbado-project-id");
        String apiSecret = optional("CORBADO_API_SECRET_PARAM").orElse("/passkey-bff/corbado-api-secret");
        CachedParameters parameters = new CachedParameters(ssm(), List.of(projectId, apiSecret),
                duration("SECRETS_REFRESH_INTERVAL").orElse(DEFAULT_SECRETS_REFRESH),
                duration("SECRETS_RETRY_INTERVAL").orElse(DEFAULT_SECRETS_RETRY), System::nanoTime);
        parameters.warm();
        return new PasskeyVerifier(apiUrl, () -> {
            Map<String, String> values = parameters.get();
            return new CorbadoCredentials(values.get(projectId), values.get(apiSecret));
        }, corbadoTimeout());
    }

    /**
     * SSM as the verify trigger reads it: one attempt bounded by {@code SECRETS_TIMEOUT} (default 1 s),
     * no SDK retries, since a slow SSM must not eat Cognito's 5 s trigger budget.
     */
    public SsmClient ssm() {
        Duration timeout = duration("SECRETS_TIMEOUT").orElse(DEFAULT_SECRETS_TIMEOUT);
        var builder = SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
                .region(region());
        optional("SSM_ENDPOINT").ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return builder.build();
    }

    /** The user pool of {@code COGNITO_USER_POOL_ID} (or the guide's {@code USER_POOL_ID}). */
    public UserDirectory userDirectory() {
        String poolId = optional("COGNITO_USER_POOL_ID").or(() -> optional("USER_POOL_ID"))
                .orElseThrow(() -> new IllegalStateException("Environment variable COGNITO_USER_POOL_ID is required"));
        var builder = CognitoIdentityProviderAsyncClient.builder().region(region())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder());
        optional("COGNITO_ENDPOINT").ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        return new SdkUserDirectory(builder.build(), poolId);
    }

    private Region region() {
        return Region.of(optional("AWS_REGION").orElse("us-east-1"));
    }

    Optional<String> optional(String name) {
        String value = variables.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Durations as the service's configuration writes them: {@code 2500ms}, {@code 2s}, {@code 5m}, ISO-8601, or bare seconds. */
    Optional<Duration> duration(String name) {
        return optional(name).map(value -> {
            try {
                Matcher simple = SIMPLE_DURATION.matcher(value);
                if (!simple.matches()) {
                    return Duration.parse(value);
                }
                String unit = simple.group(2) == null ? "s" : simple.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(Long.parseLong(simple.group(1)));
                    case "d" -> Duration.parse("P" + simple.group(1) + "D");
                    default -> Duration.parse("PT" + simple.group(1) + unit.toUpperCase());
                };
            } catch (RuntimeException e) {
                throw new IllegalStateException("Environment variable " + name + " is not a duration: " + value);
            }
        });
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Environment variable " + name + " is not a number: " + value);
        }
    }
}
