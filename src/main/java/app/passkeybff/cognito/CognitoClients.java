package app.passkeybff.cognito;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The one place the service's Cognito SDK client (HTTP client type and settings) is built. Free of
 * Quarkus on purpose: the login benchmark's raw baseline ({@code bench/RawCognitoLogin.java}) builds
 * its client here too, so "the two raw Cognito calls" run with exactly the service's HTTP client.
 */
public final class CognitoClients {

    private CognitoClients() {
    }

    /**
     * The SDK's own retries are off: a retried RespondToAuthChallenge would spend single-use passkey
     * data twice, and a retried throttled call would turn Cognito's 429 into our timeout.
     * {@code apiCallTimeout} only backs up the service's own bound per call.
     * <p>
     * Futures complete on the Netty I/O thread that read the answer instead of being handed to the
     * SDK's {@code sdk-async-response} pool: one thread hop less per call (measured with
     * bench/passkey-login.py and a raw A/B of both settings). Safe because nothing downstream blocks:
     * every caller continues with Mutiny or CompletionStage operators (request paths never block).
     */
    public static CognitoIdentityProviderAsyncClient create(String region, Optional<String> endpoint,
                                                            boolean localCredentials, Duration apiCallTimeout) {
        var builder = CognitoIdentityProviderAsyncClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(2)))
                .asyncConfiguration(c -> c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(apiCallTimeout))
                .credentialsProvider(localCredentials
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                        : DefaultCredentialsProvider.create());
        endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }
}
