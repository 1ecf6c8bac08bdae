package app.passkeybff.lambda.rules;

import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.lambda.cognito.CognitoUser;
import app.passkeybff.lambda.cognito.UserDirectory;

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
        return users.user(identifier)
                .thenApply(PreLoginRule::byStatus)
                .exceptionallyCompose(failure -> {
                    boolean unknown = CognitoRefusal.in(failure)
                            .filter(refusal -> refusal.reason() == CognitoRefusal.Reason.UNKNOWN_USER).isPresent();
                    return unknown ? byEmail(identifier)
                            : CompletableFuture.completedFuture(PreLoginResult.untyped(message(failure)));
                });
    }

    static PreLoginResult byStatus(CognitoUser user) {
        return switch (user.status()) {
            case CONFIRMED -> user.enabled() ? PreLoginResult.success(user.username())
                    : PreLoginResult.silent("account_disabled");
            case FORCE_CHANGE_PASSWORD -> PreLoginResult.silent("force_change_password");
            case RESET_REQUIRED -> PreLoginResult.custom("reset_required", "");
            case OTHER -> PreLoginResult.untyped(UNHANDLED_STATUS);
        };
    }

    private CompletionStage<PreLoginResult> byEmail(String email) {
        return users.usersByEmail(email)
                .thenApply(PreLoginRule::byListedUsers)
                .exceptionally(failure -> PreLoginResult.untyped(message(failure)));
    }

    static PreLoginResult byListedUsers(List<CognitoUser> found) {
        if (found.isEmpty()) {
            return PreLoginResult.userNotFound();
        }
        return found.get(0).status() == CognitoUser.Status.FORCE_CHANGE_PASSWORD
                ? PreLoginResult.silent("force_change_password")
                : PreLoginResult.untyped(UNHANDLED_STATUS);
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The error message as the guide's JavaScript shows it: Cognito's own words, without SDK decoration. */
    public static String message(Throwable failure) {
        Throwable cause = unwrap(failure);
        return CognitoRefusal.in(cause).map(CognitoRefusal::cognitoMessage)
                .orElse(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
}
