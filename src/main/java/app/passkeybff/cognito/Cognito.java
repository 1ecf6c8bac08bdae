package app.passkeybff.cognito;

import app.passkeybff.lambda.cognito.UserDirectory;
import app.passkeybff.observability.UpstreamMetrics;
import app.passkeybff.resilience.UpstreamGuard;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The Cognito user pool as the features see it: every call bounded in time, behind the
 * {@code cognito} circuit breaker, with transport failures already turned into problems.
 */
@ApplicationScoped
public class Cognito implements UserDirectory {

    /** Name of the circuit breaker, for health checks, metrics and tests. */
    public static final String BREAKER = "cognito";

    private final CognitoIdentityProviderAsyncClient client;
    private final CognitoConfig config;
    private final UpstreamGuard guard;

    /**
     * The SDK's own retries are off: a retried RespondToAuthChallenge would spend single-use passkey
     * data twice, and a retried throttled call would turn Cognito's 429 into our timeout. Callers
     * see each Cognito answer as it is.
     */
    public Cognito(CognitoConfig config, UpstreamMetrics metrics) {
        this.guard = new UpstreamGuard(BREAKER, CognitoErrors.NAME, config.timeout(), config.breakerDelay(),
                CognitoErrors::translate, metrics);
        var builder = CognitoIdentityProviderAsyncClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(2)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(config.timeout().plusSeconds(1)))
                .credentialsProvider(config.localCredentials()
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                        : DefaultCredentialsProvider.create());
        config.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        this.client = builder.build();
        this.config = config;
    }

    /** State of the breaker all Cognito calls share. */
    public CircuitBreakerState circuitState() {
        return guard.circuitState();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** InitiateAuth with CUSTOM_AUTH for a Cognito username; the define and create triggers run. */
    public Uni<InitiateAuthResponse> initiateCustomAuth(String username) {
        return call("InitiateAuth", () -> client.initiateAuth(b -> b.clientId(config.clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(withSecretHash(username, Map.of("USERNAME", username)))));
    }

    /** RespondToAuthChallenge with the passkey answer; the verify trigger runs. */
    public Uni<RespondToAuthChallengeResponse> answerCustomChallenge(String session, String username, String answer) {
        return call("RespondToAuthChallenge", () -> client.respondToAuthChallenge(b -> b.clientId(config.clientId())
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(session)
                .challengeResponses(withSecretHash(username, Map.of("USERNAME", username, "ANSWER", answer)))));
    }

    @Override
    public CompletionStage<AdminGetUserResponse> adminGetUser(String username) {
        return call("AdminGetUser", () -> client.adminGetUser(b -> b.userPoolId(config.userPoolId()).username(username)))
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<List<UserType>> listUsersByEmail(String email) {
        return call("ListUsers", () -> client.listUsers(b -> b.userPoolId(config.userPoolId())
                .filter(UserDirectory.emailFilter(email)).limit(2)))
                .map(ListUsersResponse::users)
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> enableSmsMfa(String username) {
        return call("AdminSetUserMFAPreference", () -> client.adminSetUserMFAPreference(b -> b.userPoolId(config.userPoolId()).username(username)
                .smsMfaSettings(sms -> sms.enabled(true).preferredMfa(true))))
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    <T> Uni<T> call(String operation, Supplier<CompletableFuture<T>> request) {
        return guard.call(operation, () -> Uni.createFrom().completionStage(request));
    }

    private Map<String, String> withSecretHash(String username, Map<String, String> parameters) {
        if (config.clientSecret().isEmpty()) {
            return parameters;
        }
        Map<String, String> withHash = new HashMap<>(parameters);
        withHash.put("SECRET_HASH", secretHash(config.clientSecret().get(), config.clientId(), username));
        return withHash;
    }

    /** Base64(HMAC-SHA256(clientSecret, username + clientId)), as Cognito defines it. */
    static String secretHash(String clientSecret, String clientId, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
