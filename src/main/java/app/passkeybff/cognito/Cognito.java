package app.passkeybff.cognito;

import app.passkeybff.lambda.cognito.CognitoUser;
import app.passkeybff.lambda.cognito.UserDirectory;
import app.passkeybff.observability.UpstreamMetrics;
import app.passkeybff.resilience.UpstreamGuard;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The Cognito user pool as the features see it: every call bounded in time, behind the
 * {@code cognito} circuit breaker, answers as records, transport failures already turned into
 * problems and Cognito's refusals into {@link app.passkeybff.lambda.cognito.CognitoRefusal}s
 * (see {@link CognitoErrors}), so no caller reads an SDK type.
 */
@ApplicationScoped
public class Cognito implements UserDirectory {

    /** Name of the circuit breaker, for health checks, metrics and tests. */
    public static final String BREAKER = "cognito";

    private final CognitoIdentityProviderAsyncClient client;
    private final CognitoConfig config;
    private final UpstreamGuard guard;

    /** The SDK's own retries are off ({@link CognitoClients}): callers see each Cognito answer as it is. */
    public Cognito(CognitoConfig config, UpstreamMetrics metrics, CognitoIdentityProviderAsyncClient client) {
        this.guard = new UpstreamGuard(BREAKER, CognitoErrors.NAME, config.timeout(), config.breakerDelay(),
                CognitoErrors::translate, metrics);
        this.client = client;
        this.config = config;
    }

    /** State of the breaker all Cognito calls share. */
    public CircuitBreakerState circuitState() {
        return guard.circuitState();
    }

    /**
     * InitiateAuth with CUSTOM_AUTH for a Cognito username; the define and create triggers run. Empty
     * when Cognito answers anything but a custom challenge.
     */
    public Uni<Optional<CustomChallenge>> initiateCustomAuth(String username) {
        return call("InitiateAuth", () -> client.initiateAuth(b -> b.clientId(config.clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(withSecretHash(username, Map.of("USERNAME", username)))))
                .map(response -> challenge(response, username));
    }

    private static Optional<CustomChallenge> challenge(InitiateAuthResponse response, String username) {
        if (response.challengeName() != ChallengeNameType.CUSTOM_CHALLENGE || response.session() == null) {
            return Optional.empty();
        }
        // Cognito may name the user differently from the alias the login started with.
        return Optional.of(new CustomChallenge(response.session(),
                response.challengeParameters().getOrDefault("USERNAME", username)));
    }

    /**
     * RespondToAuthChallenge with the passkey answer; the verify trigger runs, hence its own bound.
     * Empty when Cognito issued no tokens (the define trigger asked for another attempt: a wrong answer).
     */
    public Uni<Optional<AuthTokens>> answerCustomChallenge(CustomChallenge challenge, String answer) {
        return guard.call("RespondToAuthChallenge", config.challengeTimeout(), () -> Uni.createFrom().completionStage(
                () -> client.respondToAuthChallenge(b -> b.clientId(config.clientId())
                        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                        .session(challenge.session())
                        .challengeResponses(withSecretHash(challenge.username(),
                                Map.of("USERNAME", challenge.username(), "ANSWER", answer))))))
                .map(response -> tokens(response.authenticationResult()));
    }

    private static Optional<AuthTokens> tokens(AuthenticationResultType result) {
        if (result == null || result.idToken() == null) {
            return Optional.empty();
        }
        return Optional.of(new AuthTokens(result.idToken(), result.accessToken(), result.refreshToken(),
                result.expiresIn() == null ? 3600 : result.expiresIn(),
                result.tokenType() == null ? "Bearer" : result.tokenType()));
    }

    @Override
    public CompletionStage<CognitoUser> user(String username) {
        return call("AdminGetUser", () -> client.adminGetUser(b -> b.userPoolId(config.userPoolId()).username(username)))
                .map(CognitoUser::of)
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<List<CognitoUser>> usersByEmail(String email) {
        return call("ListUsers", () -> client.listUsers(b -> b.userPoolId(config.userPoolId())
                .filter(UserDirectory.emailFilter(email)).limit(2)))
                .map(response -> response.users().stream().map(CognitoUser::of).toList())
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
