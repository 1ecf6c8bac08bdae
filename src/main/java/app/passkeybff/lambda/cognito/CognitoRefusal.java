package app.passkeybff.lambda.cognito;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Cognito's well-formed "no", in the domain's words. The SDK's exception types (and the one answer
 * whose meaning hides in the message: a disabled user is a {@code NotAuthorizedException} saying
 * "User is disabled.") are read here and nowhere else; callers switch on {@link #reason()}.
 * Quarkus-free, so the shared rules in Lambda use it too.
 */
public final class CognitoRefusal extends RuntimeException {

    public enum Reason {
        /** No such user (or alias). */
        UNKNOWN_USER,
        /** The user is disabled. */
        DISABLED,
        /** Wrong answer, wrong session, or any other authentication refusal. */
        NOT_AUTHORIZED,
        /** The user has not confirmed the sign-up. */
        NOT_CONFIRMED,
        /** The user must reset the password first. */
        RESET_REQUIRED,
        /** Cognito refused a parameter, e.g. a username it cannot hold: client input. */
        INVALID_INPUT,
        /** Cognito is throttling. */
        THROTTLED,
        /** Anything else Cognito refused. */
        REFUSED
    }

    private final Reason reason;
    private final String errorCode;
    private final String cognitoMessage;

    private CognitoRefusal(Reason reason, String errorCode, String cognitoMessage) {
        super(reason + " (" + errorCode + ")", null, false, false);
        this.reason = reason;
        this.errorCode = errorCode;
        this.cognitoMessage = cognitoMessage;
    }

    /** The one mapping from an SDK exception to a refusal. */
    public static CognitoRefusal of(AwsServiceException failure) {
        String code = failure.awsErrorDetails() == null || failure.awsErrorDetails().errorCode() == null
                ? failure.getClass().getSimpleName() : failure.awsErrorDetails().errorCode();
        String message = failure.awsErrorDetails() == null || failure.awsErrorDetails().errorMessage() == null
                ? String.valueOf(failure.getMessage()) : failure.awsErrorDetails().errorMessage();
        return new CognitoRefusal(reason(failure, message), code, message);
    }

    private static Reason reason(AwsServiceException failure, String message) {
        if (failure instanceof NotAuthorizedException) {
            return message.contains("disabled") ? Reason.DISABLED : Reason.NOT_AUTHORIZED;
        }
        if (failure instanceof UserNotFoundException) {
            return Reason.UNKNOWN_USER;
        }
        if (failure instanceof UserNotConfirmedException) {
            return Reason.NOT_CONFIRMED;
        }
        if (failure instanceof PasswordResetRequiredException) {
            return Reason.RESET_REQUIRED;
        }
        if (failure instanceof InvalidParameterException) {
            return Reason.INVALID_INPUT;
        }
        if (failure instanceof TooManyRequestsException || failure instanceof LimitExceededException) {
            return Reason.THROTTLED;
        }
        return Reason.REFUSED;
    }

    /** The refusal in a failure as async code delivers it (wrapped in a CompletionException, or an SDK exception). */
    public static Optional<CognitoRefusal> in(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CognitoRefusal refusal) {
            return Optional.of(refusal);
        }
        return cause instanceof AwsServiceException aws ? Optional.of(of(aws)) : Optional.empty();
    }

    public Reason reason() {
        return reason;
    }

    /** Cognito's error code, e.g. {@code UserNotFoundException}: fit for metrics and upstream-error details. */
    public String errorCode() {
        return errorCode;
    }

    /** Cognito's own words, as the guide's action Lambdas show them. */
    public String cognitoMessage() {
        return cognitoMessage;
    }
}
