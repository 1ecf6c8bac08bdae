package app.passkeybff.lambda.cognito;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.List;
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
    public CompletionStage<AdminGetUserResponse> adminGetUser(String username) {
        return client.adminGetUser(b -> b.userPoolId(userPoolId).username(username));
    }

    @Override
    public CompletionStage<List<UserType>> listUsersByEmail(String email) {
        return client.listUsers(b -> b.userPoolId(userPoolId).filter(UserDirectory.emailFilter(email)).limit(2))
                .thenApply(response -> response.users());
    }

    @Override
    public CompletionStage<Void> enableSmsMfa(String username) {
        return client.adminSetUserMFAPreference(b -> b.userPoolId(userPoolId).username(username)
                        .smsMfaSettings(s -> s.enabled(true).preferredMfa(true)))
                .thenApply(response -> null);
    }
}
