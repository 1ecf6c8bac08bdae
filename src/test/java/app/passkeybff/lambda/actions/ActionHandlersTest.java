package app.passkeybff.lambda.actions;

import app.passkeybff.lambda.cognito.CognitoUser;
import app.passkeybff.lambda.rules.FakeUserDirectory;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two Corbado action Lambdas around their rules, on a user pool in memory: the guide's
 * {@code {statusCode, body}} envelopes, and what a missing or blank field gets (the packaged jar runs
 * them against the emulator in {@code LambdaArtifactIT}).
 */
class ActionHandlersTest {

    private final FakeUserDirectory pool = new FakeUserDirectory();

    private static Map<String, Object> event(String field, Object value) {
        Map<String, Object> event = new HashMap<>();
        event.put(field, value);
        return event;
    }

    @Test
    void preLoginAnswersTheUsernameInA200Envelope() {
        pool.users.put("jane@example.com", new CognitoUser("u-jane", CognitoUser.Status.CONFIRMED, true, false));
        Map<String, Object> result = new PreLoginHandler(pool).handleRequest(event("identifier", "jane@example.com"), null);
        assertEquals(200, result.get("statusCode"));
        assertEquals(Map.of("identifier", "u-jane"), result.get("body"));
    }

    @Test
    void preLoginAnswersAMissingOrBlankIdentifierWithTheUntypedError() {
        Map<String, Object> expected = Map.of("statusCode", 200, "body", Map.of("identifier", "",
                "error", Map.of("return", true, "code", "untyped", "message", "identifier is required")));
        for (Map<String, Object> event : List.of(event("identifier", " "), event("identifier", 5), Map.<String, Object>of())) {
            assertEquals(expected, new PreLoginHandler(pool).handleRequest(event, null), event.toString());
        }
        assertEquals(expected, new PreLoginHandler(pool).handleRequest(null, null));
    }

    @Test
    void postAppendAnswersAnEmptyBodyAndSwitchesOnMfa() {
        pool.users.put("u1", new CognitoUser("u1", CognitoUser.Status.CONFIRMED, true, false));
        Map<String, Object> result = new PostAppendHandler(pool).handleRequest(event("username", "u1"), null);
        assertEquals(Map.of("statusCode", 200, "body", Map.of()), result);
        assertEquals(List.of("u1"), pool.mfaEnabled);
    }

    @Test
    void postAppendAnswersFailuresInTheGuides500Envelope() {
        Map<String, Object> unknown = new PostAppendHandler(pool).handleRequest(event("username", "nobody"), null);
        assertEquals(500, unknown.get("statusCode"));
        assertEquals("{\"message\":\"Caught exception\",\"error\":\"User does not exist.\"}", unknown.get("body"));
        for (Map<String, Object> event : List.of(event("username", ""), event("username", 7), Map.<String, Object>of())) {
            Map<String, Object> result = new PostAppendHandler(pool).handleRequest(event, null);
            assertEquals(500, result.get("statusCode"), event.toString());
            assertEquals("{\"message\":\"Caught exception\",\"error\":\"username is required\"}", result.get("body"));
        }
        assertEquals(500, new PostAppendHandler(pool).handleRequest(null, null).get("statusCode"));
        assertEquals(List.of(), pool.mfaEnabled);
    }
}
