package app.passkeybff.lambda.rules;

import app.passkeybff.lambda.cognito.UserDirectory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Corbado pre-login action: the email a user typed becomes the Cognito username Corbado knows.
 * Cognito resolves an email alias only when it is verified, hence the ListUsers fallback.
 */
public class PreLoginRule {

    static final String UNHANDLED_STATUS = "unhandled user status";

    private final UserDirectory users;

    public PreLoginRule(UserDirectory users) {
        this.users = users;
    }

    public CompletionStage<PreLoginResult> translate(String identifier) {
        return users.adminGetUser(identifier)
                .thenApply(PreLoginRule::byStatus)
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof UserNotFoundException) {
                        return byEmail(identifier);
                    }
                    return CompletableFuture.completedFuture(PreLoginResult.untyped(message(cause)));
                });
    }

    static PreLoginResult byStatus(AdminGetUserResponse user) {
        UserStatusType status = user.userStatus();
        boolean enabled = Boolean.TRUE.equals(user.enabled());
        if (status == UserStatusType.CONFIRMED) {
            return enabled ? PreLoginResult.success(user.username()) : PreLoginResult.silent("account_disabled");
        }
        if (status == UserStatusType.FORCE_CHANGE_PASSWORD) {
            return PreLoginResult.silent("force_change_password");
        }
        if (status == UserStatusType.RESET_REQUIRED) {
            return PreLoginResult.custom("reset_required", "");
        }
        return PreLoginResult.untyped(UNHANDLED_STATUS);
    }

    private CompletionStage<PreLoginResult> byEmail(String email) {
        return users.listUsersByEmail(email)
                .thenApply(PreLoginRule::byListedUsers)
                .exceptionally(failure -> PreLoginResult.untyped(message(failure)));
    }

    static PreLoginResult byListedUsers(List<UserType> found) {
        if (found.isEmpty()) {
            return PreLoginResult.userNotFound();
        }
        return found.get(0).userStatus() == UserStatusType.FORCE_CHANGE_PASSWORD
                ? PreLoginResult.silent("force_change_password")
                : PreLoginResult.untyped(UNHANDLED_STATUS);
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The error message as the guide's JavaScript shows it: Cognito's own words, without SDK decoration. */
    public static String message(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorMessage() != null) {
            return aws.awsErrorDetails().errorMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
