package app.passkeybff.lambda.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;

import java.util.Map;

/**
 * Cognito CreateAuthChallenge trigger. The passkey ceremony happens in the browser with Corbado, so
 * there is nothing secret to create: the client only learns that a passkey answer is expected.
 */
public class CreateAuthChallengeHandler
        implements RequestHandler<CognitoUserPoolCreateAuthChallengeEvent, CognitoUserPoolCreateAuthChallengeEvent> {

    public static final String CHALLENGE_METADATA = "CORBADO_PASSKEY";

    @Override
    public CognitoUserPoolCreateAuthChallengeEvent handleRequest(CognitoUserPoolCreateAuthChallengeEvent event,
                                                                 Context context) {
        var response = new CognitoUserPoolCreateAuthChallengeEvent.Response();
        response.setPublicChallengeParameters(Map.of("challenge", "passkey"));
        response.setPrivateChallengeParameters(Map.of());
        response.setChallengeMetadata(CHALLENGE_METADATA);
        event.setResponse(response);
        TraceHeader.log(context, "create-auth-challenge", "challenge=" + CHALLENGE_METADATA);
        return event;
    }
}
