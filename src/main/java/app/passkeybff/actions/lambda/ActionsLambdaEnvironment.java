package app.passkeybff.actions.lambda;

import app.passkeybff.cognito.SdkUserDirectory;
import app.passkeybff.cognito.UserDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;

import java.net.URI;

/**
 * What the action Lambdas read from their environment: {@code COGNITO_USER_POOL_ID} (or the guide's
 * {@code USER_POOL_ID}), {@code AWS_REGION}, and optionally {@code COGNITO_ENDPOINT}. Credentials come
 * from the function's execution role.
 */
final class ActionsLambdaEnvironment {

    static final ObjectMapper JSON = new ObjectMapper();

    private ActionsLambdaEnvironment() {
    }

    static UserDirectory userDirectory() {
        String poolId = env("COGNITO_USER_POOL_ID", env("USER_POOL_ID", null));
        if (poolId == null) {
            throw new IllegalStateException("Environment variable COGNITO_USER_POOL_ID is required");
        }
        var builder = CognitoIdentityProviderAsyncClient.builder()
                .region(Region.of(env("AWS_REGION", "us-east-1")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder());
        String endpoint = env("COGNITO_ENDPOINT", null);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return new SdkUserDirectory(builder.build(), poolId);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
