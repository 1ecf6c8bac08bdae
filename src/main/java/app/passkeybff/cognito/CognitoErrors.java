package app.passkeybff.cognito;

import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.UpstreamFailure;
import app.passkeybff.resilience.Causes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Cognito failures that mean the same to every caller (throttled, down, slow, broken) become
 * problems here; Cognito's answers about a user (not found, not authorized, …) become
 * {@link CognitoRefusal}s for the feature to decide on, since their meaning depends on the flow.
 */
public final class CognitoErrors {

    static final String NAME = "Cognito";

    private CognitoErrors() {
    }

    /** Cognito said no to a call the service made on its own behalf: 502, naming Cognito's error code. */
    public static ProblemException refused(String what, CognitoRefusal refusal) {
        return ProblemException.upstreamError("Cognito refused " + what + " (" + refusal.errorCode() + ").");
    }

    static Throwable translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ProblemException) {
            return cause;
        }
        if (cause instanceof CognitoIdentityProviderException cognito) {
            CognitoRefusal refusal = CognitoRefusal.of(cognito);
            if (refusal.reason() == CognitoRefusal.Reason.THROTTLED) {
                return ProblemException.rateLimited(1, NAME + " is throttling requests.");
            }
            return cognito.statusCode() >= 500 ? UpstreamFailure.error(NAME + " answered HTTP " + cognito.statusCode() + ".")
                    : refusal;
        }
        if (cause instanceof ApiCallTimeoutException || Causes.has(cause, TimeoutException.class)) {
            return UpstreamFailure.timeout(NAME + " did not answer in time.");
        }
        if (Causes.has(cause, ConnectException.class)) {
            return UpstreamFailure.unavailable(NAME + " is unreachable.");
        }
        if (cause instanceof SdkClientException || Causes.has(cause, IOException.class)) {
            return UpstreamFailure.error(NAME + " call failed in transport.");
        }
        return UpstreamFailure.error(NAME + " call failed.");
    }
}
