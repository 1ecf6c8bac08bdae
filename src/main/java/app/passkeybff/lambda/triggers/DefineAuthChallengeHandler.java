package app.passkeybff.lambda.triggers;

import app.passkeybff.lambda.LambdaEnvironment;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;

/** Cognito DefineAuthChallenge trigger. No I/O: see {@link DefineAuthChallenge}. */
public class DefineAuthChallengeHandler
        implements RequestHandler<CognitoUserPoolDefineAuthChallengeEvent, CognitoUserPoolDefineAuthChallengeEvent> {

    private final int maxAttempts;

    /** Lambda entry point: {@code TRIGGERS_MAX_ATTEMPTS} (default 3) bounds the wrong answers. */
    public DefineAuthChallengeHandler() {
        this(LambdaEnvironment.system().maxAttempts());
    }

    public DefineAuthChallengeHandler(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public CognitoUserPoolDefineAuthChallengeEvent handleRequest(CognitoUserPoolDefineAuthChallengeEvent event,
                                                                 Context context) {
        var request = event.getRequest();
        var session = request == null ? null : request.getSession();
        boolean userNotFound = request != null && request.getUserNotFound();
        var decision = DefineAuthChallenge.decide(session, maxAttempts, userNotFound);
        var response = new CognitoUserPoolDefineAuthChallengeEvent.Response();
        response.setIssueTokens(decision == DefineAuthChallenge.Decision.ISSUE_TOKENS);
        response.setFailAuthentication(decision == DefineAuthChallenge.Decision.FAIL);
        if (decision == DefineAuthChallenge.Decision.CHALLENGE) {
            response.setChallengeName(DefineAuthChallenge.CUSTOM_CHALLENGE);
        }
        event.setResponse(response);
        TraceHeader.log(context, "define-auth-challenge", "decision=" + decision);
        return event;
    }
}
