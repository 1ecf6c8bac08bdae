package app.passkeybff.corbado;

import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.UpstreamFailure;
import app.passkeybff.resilience.Causes;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * What the Corbado Backend API did, as the problem the caller sees: the twin of
 * {@link app.passkeybff.cognito.CognitoErrors}. A Corbado 4xx is a plain problem (it never opens the
 * breaker); 5xx, timeouts and transport failures are {@link UpstreamFailure}s.
 */
final class CorbadoErrors {

    static final String NAME = "Corbado";

    private CorbadoErrors() {
    }

    static Throwable translate(Throwable failure) {
        String upstream = NAME;
        if (failure instanceof ProblemException
                || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException) {
            return failure;
        }
        if (failure instanceof CorbadoApi.CorbadoStatus answered) {
            int status = answered.status;
            if (status == 429) {
                return ProblemException.rateLimited(parseSeconds(answered.retryAfter), upstream + " is throttling requests.");
            }
            if (status >= 500) {
                return UpstreamFailure.error(upstream + " answered HTTP " + status + ".");
            }
            return ProblemException.upstreamError(upstream + " rejected the request (HTTP " + status + ").");
        }
        // Vert.x reports its own timeouts with exceptions that are not java.util.concurrent ones.
        if (Causes.any(failure, cause -> cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout"))) {
            return UpstreamFailure.timeout(upstream + " did not answer in time.");
        }
        if (Causes.has(failure, ConnectException.class) || Causes.has(failure, UnknownHostException.class)) {
            return UpstreamFailure.unavailable(upstream + " is unreachable.");
        }
        if (Causes.has(failure, IOException.class)) {
            return UpstreamFailure.error(upstream + " sent a broken or unreadable answer.");
        }
        return UpstreamFailure.error(upstream + " call failed.");
    }

    private static long parseSeconds(String value) {
        try {
            return value == null ? 1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
