package app.passkeybff.lambda.triggers;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult;

import java.util.Arrays;
import java.util.List;

/**
 * The define-auth-challenge rules as a pure function of the session Cognito passes in: start with
 * the passkey challenge, issue tokens after a correct answer, and give up after a bounded number of
 * wrong answers (the guide's version challenges forever).
 */
public final class DefineAuthChallenge {

    public static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";

    /** What Cognito should do next. */
    public enum Decision { CHALLENGE, ISSUE_TOKENS, FAIL }

    private DefineAuthChallenge() {
    }

    public static Decision decide(ChallengeResult[] session, int maxAttempts) {
        List<ChallengeResult> history = session == null ? List.of() : Arrays.asList(session);
        if (history.isEmpty()) {
            return Decision.CHALLENGE;
        }
        // Only the passkey challenge belongs to this flow; SRP or password steps mean someone else's flow.
        if (history.stream().anyMatch(entry -> entry == null || !CUSTOM_CHALLENGE.equals(entry.getChallengeName()))) {
            return Decision.FAIL;
        }
        // Counted before the last answer is looked at: an answer after the limit was never allowed.
        if (wrongAnswers(history) >= maxAttempts) {
            return Decision.FAIL;
        }
        return history.get(history.size() - 1).getChallengeResult() ? Decision.ISSUE_TOKENS : Decision.CHALLENGE;
    }

    /**
     * With PreventUserExistenceErrors, Cognito runs the triggers for an unknown user too
     * ({@code userNotFound}): it is answered step for step like a real user, so neither the answer
     * nor the number of steps tells them apart, but it never gets tokens.
     */
    public static Decision decide(ChallengeResult[] session, int maxAttempts, boolean userNotFound) {
        Decision decision = decide(session, maxAttempts);
        return userNotFound && decision == Decision.ISSUE_TOKENS ? Decision.FAIL : decision;
    }

    static long wrongAnswers(List<ChallengeResult> history) {
        return history.stream().filter(entry -> !entry.getChallengeResult()).count();
    }
}
