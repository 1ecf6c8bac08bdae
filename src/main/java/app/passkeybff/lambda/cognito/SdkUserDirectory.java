package app.passkeybff.lambda.cognito;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** {@link UserDirectory} on a plain SDK client, for the Lambda handlers. */
public class SdkUserDirectory implements UserDirectory {

    private final CognitoIdentityProviderAsyncClient client;
    private final String userPoolId;

    public SdkUserDirectory(CognitoIdentityProviderAsyncClient client, String userPoolId) {
        this.client = client;
        this.userPoolId = userPoolId;
    }

    @Override
    public CompletionStage<CognitoUser> user(String username) {
        return refusals(client.adminGetUser(b -> b.userPoolId(userPoolId).username(username)).thenApply(CognitoUser::of));
    }

    @Override
    public CompletionStage<List<CognitoUser>> usersByEmail(String email) {
        return refusals(client.listUsers(b -> b.userPoolId(userPoolId).filter(UserDirectory.emailFilter(email)).limit(2))
                .thenApply(response -> response.users().stream().map(CognitoUser::of).toList()));
    }

    @Override
    public CompletionStage<Void> enableSmsMfa(String username) {
        return refusals(client.adminSetUserMFAPreference(b -> b.userPoolId(userPoolId).username(username)
                        .smsMfaSettings(s -> s.enabled(true).preferredMfa(true)))
                .thenApply(response -> (Void) null));
    }

    /** Cognito's answers as {@link CognitoRefusal}s; transport failures pass as they are. */
    private static <T> CompletionStage<T> refusals(CompletableFuture<T> call) {
        return call.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof AwsServiceException aws ? CognitoRefusal.of(aws) : cause);
        });
    }
}
