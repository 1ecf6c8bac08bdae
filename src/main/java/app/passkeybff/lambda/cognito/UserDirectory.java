package app.passkeybff.lambda.cognito;

import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The three user-pool calls the Corbado actions need. The service implements it with its guarded
 * {@link Cognito} wrapper, the Lambda handlers with a plain SDK client ({@link SdkUserDirectory}),
 * so both run the same rules.
 */
public interface UserDirectory {

    CompletionStage<AdminGetUserResponse> adminGetUser(String username);

    /** ListUsers with {@code email = "<escaped email>"}. */
    CompletionStage<List<UserType>> listUsersByEmail(String email);

    /** AdminSetUserMFAPreference: SMS enabled and preferred. */
    CompletionStage<Void> enableSmsMfa(String username);

    /** The email as a quoted ListUsers filter value: backslash and double quote escaped. */
    static String emailFilter(String email) {
        return "email = \"" + email.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
