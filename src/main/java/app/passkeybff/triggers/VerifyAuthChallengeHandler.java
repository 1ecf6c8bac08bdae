package app.passkeybff.triggers;

import app.passkeybff.corbado.PasskeyVerifier;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;

import java.time.Duration;

/**
 * Cognito VerifyAuthChallengeResponse trigger: the answer is Corbado's signedPasskeyData, and only
 * Corbado's {@code success} for exactly this Cognito user makes it correct. Everything else, a
 * timeout included, is a wrong answer. Neither the event nor the answer is ever logged.
 */
public class VerifyAuthChallengeHandler implements
        RequestHandler<CognitoUserPoolVerifyAuthChallengeResponseEvent, CognitoUserPoolVerifyAuthChallengeResponseEvent> {

    /** Well under Cognito's 5 s trigger limit, leaving room for a cold start. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(2500);
    static final int MAX_ANSWER_LENGTH = 16 * 1024;

    private final PasskeyVerifier verifier;

    /** Lambda entry point, configured from {@code CORBADO_API_URL} and the SSM parameter names. */
    public VerifyAuthChallengeHandler() {
        this(new PasskeyVerifier(LambdaEnvironment.required("CORBADO_API_URL"), LambdaEnvironment.corbadoCredentials(),
                LambdaEnvironment.duration("CORBADO_TIMEOUT_MS", DEFAULT_TIMEOUT)));
    }

    public VerifyAuthChallengeHandler(PasskeyVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public CognitoUserPoolVerifyAuthChallengeResponseEvent handleRequest(
            CognitoUserPoolVerifyAuthChallengeResponseEvent event, Context context) {
        PasskeyVerifier.Result result = verify(event);
        var response = new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response();
        response.setAnswerCorrect(result == PasskeyVerifier.Result.SUCCESS);
        event.setResponse(response);
        if (context != null) {
            LambdaLogger logger = context.getLogger();
            logger.log("verify-auth-challenge: result=" + result.wire());
        }
        return event;
    }

    private PasskeyVerifier.Result verify(CognitoUserPoolVerifyAuthChallengeResponseEvent event) {
        var request = event.getRequest();
        String username = event.getUserName();
        if (request == null || request.getUserNotFound() || username == null || username.isBlank()) {
            return PasskeyVerifier.Result.USER_MISMATCH;
        }
        String answer = request.getChallengeAnswer();
        if (answer == null || answer.isBlank() || answer.length() > MAX_ANSWER_LENGTH) {
            return PasskeyVerifier.Result.INVALID_SIGNATURE;
        }
        return verifier.verify(answer, username);
    }
}
