package app.passkeybff.lambda.triggers;

import app.passkeybff.lambda.corbado.CorbadoCredentials;
import app.passkeybff.lambda.corbado.PasskeyVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import app.passkeybff.lambda.corbado.FrontendApiKeySet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one "invoke this function with this JSON event" entry point the local trigger host uses: each
 * function is told apart by the end of its ARN and gets Cognito's JSON event as its handler's input.
 */
class LambdaInvocationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

    // Corbado and its key set unreachable (a closed port): the verify trigger's answer is wrong, quickly.
    private final LambdaInvocations invocations = new LambdaInvocations(new DefineAuthChallengeHandler(3),
            new VerifyAuthChallengeHandler(new PasskeyVerifier("http://127.0.0.1:9", () -> new CorbadoCredentials("p", "s"),
                    Duration.ofSeconds(5), new FrontendApiKeySet(Optional.of("http://127.0.0.1:9"), Duration.ofSeconds(1),
                            System::nanoTime), Clock.systemUTC())));

    private JsonNode invoke(String function, String event) throws Exception {
        byte[] result = invocations.invoke(ARN + function, event.getBytes(StandardCharsets.UTF_8));
        return result == null ? null : JSON.readTree(result);
    }

    @Test
    void runsEachTriggerByItsFunctionName() throws Exception {
        JsonNode defined = invoke("passkey-define-auth-challenge",
                "{\"userName\":\"u\",\"request\":{\"session\":[],\"userNotFound\":false},\"extra\":1}");
        assertEquals("CUSTOM_CHALLENGE", defined.at("/response/challengeName").asText());
        JsonNode created = invoke("passkey-create-auth-challenge", "{\"userName\":\"u\",\"request\":{\"challengeName\":\"CUSTOM_CHALLENGE\"}}");
        assertEquals("CORBADO_PASSKEY", created.at("/response/challengeMetadata").asText());
        JsonNode verified = invoke("passkey-verify-auth-challenge", "{\"userName\":\"u\",\"request\":{\"challengeAnswer\":\"a.b.c\"}}");
        assertTrue(verified.at("/response").has("answerCorrect"));
        assertFalse(verified.at("/response/answerCorrect").asBoolean());
    }

    @Test
    void answersNothingForAnUnknownFunction() throws Exception {
        assertNull(invoke("passkey-something-else", "{}"));
        assertNull(invoke("passkey-define-auth-challenge-v2", "{}"));
    }
}
