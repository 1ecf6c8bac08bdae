package app.passkeybff.lambda.triggers;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static app.passkeybff.lambda.triggers.DefineAuthChallenge.Decision.CHALLENGE;
import static app.passkeybff.lambda.triggers.DefineAuthChallenge.Decision.FAIL;
import static app.passkeybff.lambda.triggers.DefineAuthChallenge.Decision.ISSUE_TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every branch of the define-auth-challenge rules (pure, no I/O). */
class DefineAuthChallengeTest {

    private static ChallengeResult passkey(boolean correct) {
        return new ChallengeResult("CUSTOM_CHALLENGE", correct, CreateAuthChallengeHandler.CHALLENGE_METADATA);
    }

    private static ChallengeResult[] session(ChallengeResult... entries) {
        return entries;
    }

    @Test
    void challengesOnEmptySession() {
        assertEquals(CHALLENGE, DefineAuthChallenge.decide(session(), 3));
    }

    @Test
    void challengesOnMissingSession() {
        assertEquals(CHALLENGE, DefineAuthChallenge.decide(null, 3));
    }

    @Test
    void issuesTokensAfterCorrectAnswer() {
        assertEquals(ISSUE_TOKENS, DefineAuthChallenge.decide(session(passkey(true)), 3));
    }

    @Test
    void issuesTokensWhenLastOfSeveralAnswersIsCorrect() {
        assertEquals(ISSUE_TOKENS, DefineAuthChallenge.decide(session(passkey(false), passkey(true)), 3));
    }

    @Test
    void challengesAgainAfterWrongAnswerBelowTheLimit() {
        assertEquals(CHALLENGE, DefineAuthChallenge.decide(session(passkey(false)), 3));
        assertEquals(CHALLENGE, DefineAuthChallenge.decide(session(passkey(false), passkey(false)), 3));
    }

    @Test
    void failsAuthenticationAtTheAttemptLimit() {
        assertEquals(FAIL, DefineAuthChallenge.decide(session(passkey(false), passkey(false), passkey(false)), 3));
        assertEquals(FAIL, DefineAuthChallenge.decide(session(passkey(false)), 1));
    }

    @Test
    void neverIssuesTokensForAnAnswerPastTheAttemptLimit() {
        // Cognito never sends this session (define failed at the third wrong answer); a hand-made
        // event, or a limit lowered while sessions were open, must not turn it into tokens.
        assertEquals(FAIL, DefineAuthChallenge.decide(
                session(passkey(false), passkey(false), passkey(false), passkey(true)), 3));
        assertEquals(FAIL, DefineAuthChallenge.decide(session(passkey(false), passkey(true)), 1));
        assertEquals(ISSUE_TOKENS, DefineAuthChallenge.decide(session(passkey(false), passkey(false), passkey(true)), 3));
    }

    @Test
    void failsOnChallengesOfOtherFlows() {
        ChallengeResult srp = new ChallengeResult("SRP_A", true, null);
        assertEquals(FAIL, DefineAuthChallenge.decide(session(srp), 3));
        ChallengeResult password = new ChallengeResult("PASSWORD_VERIFIER", true, null);
        assertEquals(FAIL, DefineAuthChallenge.decide(session(password, passkey(true)), 3));
    }

    @Test
    void failsOnNullSessionEntry() {
        assertEquals(FAIL, DefineAuthChallenge.decide(session((ChallengeResult) null), 3));
    }

    @Test
    void handlerWritesChallengeResponse() {
        var event = event(session());
        var response = new DefineAuthChallengeHandler(3).handleRequest(event, null).getResponse();
        assertEquals("CUSTOM_CHALLENGE", response.getChallengeName());
        assertFalse(response.getIssueTokens());
        assertFalse(response.getFailAuthentication());
    }

    @Test
    void handlerIssuesTokensWithoutChallengeName() {
        var response = new DefineAuthChallengeHandler(3).handleRequest(event(session(passkey(true))), null).getResponse();
        assertTrue(response.getIssueTokens());
        assertFalse(response.getFailAuthentication());
        assertNull(response.getChallengeName());
    }

    @Test
    void handlerFailsAfterConfiguredAttempts() {
        var response = new DefineAuthChallengeHandler(2)
                .handleRequest(event(session(passkey(false), passkey(false))), null).getResponse();
        assertTrue(response.getFailAuthentication());
        assertFalse(response.getIssueTokens());
        assertNull(response.getChallengeName());
    }

    @Test
    void handlerAnswersUnknownUserExactlyLikeARealUser() {
        var handler = new DefineAuthChallengeHandler(3);
        List<ChallengeResult[]> sessions = List.of(session(), session(passkey(false)),
                session(passkey(false), passkey(false)), session(passkey(false), passkey(false), passkey(false)));
        for (ChallengeResult[] history : sessions) {
            var real = handler.handleRequest(event(history), null).getResponse();
            var unknown = event(history);
            unknown.getRequest().setUserNotFound(true);
            var fake = handler.handleRequest(unknown, null).getResponse();
            assertEquals(real, fake, "after " + history.length + " wrong answers");
        }
        var first = event(session());
        first.getRequest().setUserNotFound(true);
        assertEquals("CUSTOM_CHALLENGE", handler.handleRequest(first, null).getResponse().getChallengeName());
    }

    @Test
    void handlerNeverIssuesTokensForUnknownUser() {
        var event = event(session(passkey(true)));
        event.getRequest().setUserNotFound(true);
        var response = new DefineAuthChallengeHandler(3).handleRequest(event, null).getResponse();
        assertFalse(response.getIssueTokens());
        assertTrue(response.getFailAuthentication());
    }

    @Test
    void handlerChallengesAHandMadeEventWithoutRequestAndIgnoresAResponseClaimingTokens() {
        var event = new CognitoUserPoolDefineAuthChallengeEvent();
        var forged = new CognitoUserPoolDefineAuthChallengeEvent.Response();
        forged.setIssueTokens(true);
        event.setResponse(forged);
        var response = new DefineAuthChallengeHandler(3).handleRequest(event, null).getResponse();
        assertFalse(response.getIssueTokens());
        assertFalse(response.getFailAuthentication());
        assertEquals("CUSTOM_CHALLENGE", response.getChallengeName());
    }

    @Test
    void rejectsAttemptLimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new DefineAuthChallengeHandler(0));
        var oneAttempt = new DefineAuthChallengeHandler(1).handleRequest(event(session(passkey(false))), null).getResponse();
        assertTrue(oneAttempt.getFailAuthentication(), "a limit of one attempt is allowed, and fails after one wrong answer");
    }

    @Test
    void createHandlerHidesNothingSecretAndNamesThePasskeyChallenge() {
        var event = new com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent();
        var response = new CreateAuthChallengeHandler().handleRequest(event, null).getResponse();
        assertEquals("CORBADO_PASSKEY", response.getChallengeMetadata());
        assertTrue(response.getPrivateChallengeParameters().isEmpty());
        assertEquals("passkey", response.getPublicChallengeParameters().get("challenge"));
    }

    private static CognitoUserPoolDefineAuthChallengeEvent event(ChallengeResult[] session) {
        var request = new CognitoUserPoolDefineAuthChallengeEvent.Request();
        request.setSession(session);
        var event = new CognitoUserPoolDefineAuthChallengeEvent();
        event.setUserName("user-1");
        event.setRequest(request);
        return event;
    }
}
