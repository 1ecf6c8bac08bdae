package app.passkeybff.lambda.rules;

import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.lambda.cognito.CognitoUser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The post-append rule on a user pool in memory: SMS MFA on once a passkey exists, unless any MFA is there. */
class PostAppendRuleTest {

    private final FakeUserDirectory pool = new FakeUserDirectory();
    private final PostAppendRule rule = new PostAppendRule(pool);

    @Test
    void switchesOnSmsMfaForAUserWithoutMfa() {
        pool.users.put("u1", new CognitoUser("u1", CognitoUser.Status.CONFIRMED, true, false));
        assertTrue(rule.apply("u1").toCompletableFuture().join());
        assertEquals(List.of("u1"), pool.mfaEnabled);
    }

    @Test
    void leavesAUserWithMfaAlone() {
        pool.users.put("u2", new CognitoUser("u2", CognitoUser.Status.CONFIRMED, true, true));
        assertFalse(rule.apply("u2").toCompletableFuture().join());
        assertEquals(List.of(), pool.mfaEnabled);
    }

    @Test
    void failsWithCognitosRefusalForAnUnknownUser() {
        CompletionException failure = assertThrows(CompletionException.class, () -> rule.apply("nobody").toCompletableFuture().join());
        assertEquals(CognitoRefusal.Reason.UNKNOWN_USER, ((CognitoRefusal) failure.getCause()).reason());
        assertEquals(List.of(), pool.mfaEnabled);
    }

    @Test
    void failsWhenTheMfaChangeFails() {
        pool.users.put("u3", new CognitoUser("u3", CognitoUser.Status.CONFIRMED, true, false));
        pool.mfaFailure = new IllegalStateException("AdminSetUserMFAPreference failed");
        assertThrows(CompletionException.class, () -> rule.apply("u3").toCompletableFuture().join());
    }
}
