package app.passkeybff.lambda.triggers;

import app.passkeybff.lambda.corbado.PasskeyVerifier;
import app.passkeybff.lambda.LambdaEnvironment;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;


/**
 * Cognito VerifyAuthChallengeResponse trigger: the answer is Corbado's signedPasskeyData, and only
 * Corbado's {@code success} for exactly this Cognito user makes it correct. Everything else, a
 * timeout included, is a wrong answer. Neither the event nor the answer is ever logged.
 */
public class VerifyAuthChallengeHandler implements
        RequestHandler<CognitoUserPoolVerifyAuthChallengeResponseEvent, CognitoUserPoolVerifyAuthChallengeResponseEvent> {

    static final int MAX_ANSWER_LENGTH = 16 * 1024;

    private final PasskeyVerifier verifier;

    /** Lambda entry point: {@code CORBADO_API_URL}, {@code CORBADO_TIMEOUT} and the SSM parameter names. */
    public VerifyAuthChallengeHandler() {
        this(LambdaEnvironment.system().passkeyVerifier());
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
        TraceHeader.log(context, "verify-auth-challenge", "result=" + result.wire());
        return event;
    }

    private PasskeyVerifier.Result verify(CognitoUserPoolVerifyAuthChallengeResponseEvent event) {
        var request = event.getRequest();
        String username = event.getUserName();
        if (request == null || username == null || username.isBlank()) {
            return PasskeyVerifier.Result.USER_MISMATCH;
        }
        String answer = request.getChallengeAnswer();
        if (answer == null || answer.isBlank() || answer.length() > MAX_ANSWER_LENGTH) {
            return PasskeyVerifier.Result.INVALID_SIGNATURE;
        }
        PasskeyVerifier.Result result = verifier.verify(answer, username);
        // PreventUserExistenceErrors: an unknown user costs the same Corbado call as a real one (so the
        // answer's timing does not tell them apart) and is always a wrong answer.
        return request.getUserNotFound() ? PasskeyVerifier.Result.USER_MISMATCH : result;
    }
}
