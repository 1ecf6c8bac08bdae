package app.passkeybff.cognito;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
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
     * Futures complete on the SDK's {@code sdk-async-response} pool (its default). Completing them on
     * the Netty I/O thread instead saves a thread hop on paper, but measured side by side (two runs of
     * 300 logins after 1,000 warm-up logins each) it made the service no faster (-0.3/+0.3 ms) and the
     * raw client slower (+0.8/+1.8 ms), so it is not used.
     */
    public static CognitoIdentityProviderAsyncClient create(String region, Optional<String> endpoint,
                                                            boolean localCredentials, Duration apiCallTimeout) {
        var builder = CognitoIdentityProviderAsyncClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(2)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(apiCallTimeout))
                .credentialsProvider(localCredentials
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                        : DefaultCredentialsProvider.create());
        endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }
}
