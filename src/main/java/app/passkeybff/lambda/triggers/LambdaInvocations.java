package app.passkeybff.lambda.triggers;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The three trigger handlers behind one "invoke this function with this JSON event" entry point, as
 * the Lambda Invoke API does it: for local hosts of the triggers (the dev/test trigger host, the
 * benchmark's Lambda host). Functions are told apart by the end of their ARN.
 */
public final class LambdaInvocations {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final DefineAuthChallengeHandler define;
    private final CreateAuthChallengeHandler create = new CreateAuthChallengeHandler();
    private final VerifyAuthChallengeHandler verify;

    public LambdaInvocations(DefineAuthChallengeHandler define, VerifyAuthChallengeHandler verify) {
        this.define = define;
        this.verify = verify;
    }

    /** The handler's JSON result, or null when no such function exists. */
    public byte[] invoke(String function, byte[] event) throws IOException {
        Object result;
        if (function.endsWith(":passkey-define-auth-challenge")) {
            result = run(define, event, CognitoUserPoolDefineAuthChallengeEvent.class);
        } else if (function.endsWith(":passkey-create-auth-challenge")) {
            result = run(create, event, CognitoUserPoolCreateAuthChallengeEvent.class);
        } else if (function.endsWith(":passkey-verify-auth-challenge")) {
            result = run(verify, event, CognitoUserPoolVerifyAuthChallengeResponseEvent.class);
        } else {
            return null;
        }
        return JSON.writeValueAsBytes(result);
    }

    private static <E> E run(RequestHandler<E, E> handler, byte[] event, Class<E> type) throws IOException {
        return handler.handleRequest(JSON.readValue(event, type), null);
    }
}
