package app.passkeybff.lambda.rules;

import app.passkeybff.lambda.cognito.UserDirectory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Corbado post-append action: once a user has a passkey, SMS MFA is switched on for the password
 * path, unless the user already has any MFA. Idempotent: a second run changes nothing.
 */
public class PostAppendRule {

    private final UserDirectory users;

    public PostAppendRule(UserDirectory users) {
        this.users = users;
    }

    /** Completes with whether MFA was changed. */
    public CompletionStage<Boolean> apply(String username) {
        return users.adminGetUser(username).thenCompose(user -> {
            if (user.hasUserMFASettingList() && !user.userMFASettingList().isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            return users.enableSmsMfa(username).thenApply(done -> true);
        });
    }
}
