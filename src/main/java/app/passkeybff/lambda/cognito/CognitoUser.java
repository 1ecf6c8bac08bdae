package app.passkeybff.lambda.cognito;

import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** A user of the pool as the rules need it, read from Cognito's AdminGetUser or ListUsers answer. */
public record CognitoUser(String username, Status status, boolean enabled, boolean hasMfa) {

    /** The statuses the rules tell apart; every other Cognito status is {@link #OTHER}. */
    public enum Status {
        CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, OTHER
    }

    public static CognitoUser of(AdminGetUserResponse user) {
        return new CognitoUser(user.username(), status(user.userStatus()), Boolean.TRUE.equals(user.enabled()),
                user.hasUserMFASettingList() && !user.userMFASettingList().isEmpty());
    }

    /** ListUsers does not report MFA settings: {@code hasMfa} is false there and is not to be relied on. */
    public static CognitoUser of(UserType user) {
        return new CognitoUser(user.username(), status(user.userStatus()), Boolean.TRUE.equals(user.enabled()), false);
    }

    private static Status status(UserStatusType status) {
        if (status == UserStatusType.CONFIRMED) {
            return Status.CONFIRMED;
        }
        if (status == UserStatusType.FORCE_CHANGE_PASSWORD) {
            return Status.FORCE_CHANGE_PASSWORD;
        }
        return status == UserStatusType.RESET_REQUIRED ? Status.RESET_REQUIRED : Status.OTHER;
    }
}
