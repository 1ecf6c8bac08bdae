package app.passkeybff.lambda.rules;

import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.lambda.cognito.CognitoUser;
import app.passkeybff.lambda.cognito.UserDirectory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A user pool in memory for the rules' unit tests: users by username, ListUsers answers by email, and
 * failures as the SDK delivers them (a CompletionException around Cognito's exception). Records every
 * MFA change. The service tests run the same rules against the emulator.
 */
public final class FakeUserDirectory implements UserDirectory {

    public final Map<String, CognitoUser> users = new HashMap<>();
    public final Map<String, List<CognitoUser>> byEmail = new HashMap<>();
    public final Map<String, RuntimeException> getFailures = new HashMap<>();
    public final List<String> mfaEnabled = new ArrayList<>();
    public RuntimeException listFailure;
    public RuntimeException mfaFailure;

    /** Cognito's exception as the SDK builds it: error code and message in its details. */
    public static <E extends AwsServiceException> E cognito(AwsServiceException.Builder builder, String code, String message) {
        @SuppressWarnings("unchecked")
        E failure = (E) builder.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message + " (Service: CognitoIdentityProvider, Status Code: 400)").build();
        return failure;
    }

    @Override
    public CompletionStage<CognitoUser> user(String username) {
        if (getFailures.containsKey(username)) {
            return CompletableFuture.failedFuture(getFailures.get(username));
        }
        CognitoUser user = users.get(username);
        if (user == null) {
            return CompletableFuture.failedFuture(CognitoRefusal.of(
                    cognito(UserNotFoundException.builder(), "UserNotFoundException", "User does not exist.")));
        }
        return CompletableFuture.completedFuture(user);
    }

    @Override
    public CompletionStage<List<CognitoUser>> usersByEmail(String email) {
        if (listFailure != null) {
            return CompletableFuture.failedFuture(listFailure);
        }
        return CompletableFuture.completedFuture(byEmail.getOrDefault(email, List.of()));
    }

    @Override
    public CompletionStage<Void> enableSmsMfa(String username) {
        if (mfaFailure != null) {
            return CompletableFuture.failedFuture(mfaFailure);
        }
        mfaEnabled.add(username);
        return CompletableFuture.completedFuture(null);
    }
}
