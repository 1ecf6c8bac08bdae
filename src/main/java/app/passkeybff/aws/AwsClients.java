package app.passkeybff.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the service builds every AWS SDK client (Cognito, SSM): asynchronous, on the SDK's Netty HTTP client,
 * the SDK's own retries off, credentials from the default chain (IRSA in a pod) or fixed dummy ones for the
 * local emulator. Plain AWS SDK on purpose: the Quarkiverse amazon-services extensions have no build for
 * this Quarkus line; the login benchmark's raw baseline ({@code bench/RawCognitoLogin.java}) uses it too.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * Retries are off: a retried RespondToAuthChallenge would spend single-use passkey data twice, a retried
     * throttled call would turn Cognito's 429 into our timeout, and the SSM reader has its own schedule.
     * {@code apiCallTimeout} only backs up the caller's own bound per call.
     */
    public static <B extends AwsClientBuilder<B, C> & SdkAsyncClientBuilder<B, C>, C> C build(
            B builder, String region, Optional<String> endpoint, boolean localCredentials, Duration apiCallTimeout) {
        builder.region(Region.of(region))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(2)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(apiCallTimeout))
                .credentialsProvider(localCredentials
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                        : DefaultCredentialsProvider.builder().build());
        endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }
}
