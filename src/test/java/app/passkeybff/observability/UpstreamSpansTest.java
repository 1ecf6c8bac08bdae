package app.passkeybff.observability;

import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.UpstreamFailure;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outcome class an upstream span carries, for every kind of answer the guard passes on. */
class UpstreamSpansTest {

    @Test
    void classifiesEveryKindOfAnswer() {
        assertEquals("success", UpstreamSpans.outcomeClass(null));
        assertEquals("refused", UpstreamSpans.outcomeClass(CognitoRefusal.of(NotAuthorizedException.builder().message("Incorrect").build())));
        assertEquals("refused", UpstreamSpans.outcomeClass(ProblemException.upstreamError("Corbado answered 400.")));
        assertEquals("error", UpstreamSpans.outcomeClass(UpstreamFailure.error("Corbado answered 500.")));
        assertEquals("timeout", UpstreamSpans.outcomeClass(UpstreamFailure.timeout("slow")));
        assertEquals("unavailable", UpstreamSpans.outcomeClass(UpstreamFailure.unavailable("unreachable")));
        assertEquals("unavailable", UpstreamSpans.outcomeClass(new CircuitBreakerOpenException("corbado")));
        assertEquals("throttled", UpstreamSpans.outcomeClass(ProblemException.rateLimited(1, "Cognito is throttling requests.")));
        assertEquals("error", UpstreamSpans.outcomeClass(new IllegalStateException("anything else")));
    }
}
