package app.passkeybff.lambda.rules;

import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.lambda.cognito.CognitoUser;
import app.passkeybff.lambda.cognito.CognitoUser.Status;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pre-login rule, every branch, on a user pool in memory ({@link FakeUserDirectory}): the answers
 * are the Corbado guide's exact shapes (the service's {@code PreLoginActionTest} and the Lambda jar's
 * {@code LambdaArtifactIT} run the same rule against the emulator).
 */
class PreLoginRuleTest {

    private final FakeUserDirectory pool = new FakeUserDirectory();
    private final PreLoginRule rule = new PreLoginRule(pool);

    private PreLoginResult translate(String identifier) {
        return rule.translate(identifier).toCompletableFuture().join();
    }

    private static CognitoUser user(String name, Status status, boolean enabled) {
        return new CognitoUser(name, status, enabled, false);
    }

    @Test
    void answersTheUsernameOfAConfirmedEnabledUser() {
        pool.users.put("jane@example.com", user("7491fa5b", Status.CONFIRMED, true));
        assertEquals(PreLoginResult.success("7491fa5b"), translate("jane@example.com"));
    }

    @Test
    void answersEachOtherStatusWithTheGuidesError() {
        pool.users.put("disabled", user("u1", Status.CONFIRMED, false));
        pool.users.put("force", user("u2", Status.FORCE_CHANGE_PASSWORD, true));
        pool.users.put("reset", user("u3", Status.RESET_REQUIRED, true));
        pool.users.put("other", user("u4", Status.OTHER, true));
        assertEquals(new PreLoginResult("", new PreLoginResult.Error(false, "account_disabled", null, null)), translate("disabled"));
        assertEquals(new PreLoginResult("", new PreLoginResult.Error(false, "force_change_password", null, null)), translate("force"));
        assertEquals(new PreLoginResult("", new PreLoginResult.Error(true, "reset_required", "", null)), translate("reset"));
        assertEquals(new PreLoginResult("", new PreLoginResult.Error(true, "untyped", null, "unhandled user status")), translate("other"));
    }

    @Test
    void disabledUserInAnyStatusOtherThanConfirmedIsToldByStatus() {
        pool.users.put("force", user("u2", Status.FORCE_CHANGE_PASSWORD, false));
        assertEquals("force_change_password", translate("force").error().code());
    }

    @Test
    void fallsBackToListUsersForAnUnverifiedEmail() {
        pool.byEmail.put("new@example.com", List.of(user("u5", Status.FORCE_CHANGE_PASSWORD, true)));
        pool.byEmail.put("odd@example.com", List.of(user("u6", Status.CONFIRMED, true)));
        assertEquals("force_change_password", translate("new@example.com").error().code());
        assertEquals(new PreLoginResult("", new PreLoginResult.Error(true, "untyped", null, "unhandled user status")),
                translate("odd@example.com"));
    }

    @Test
    void answersUserNotFoundWhenNoOneHasTheEmail() {
        assertEquals(new PreLoginResult("", new PreLoginResult.Error(true, "user_not_found", null,
                "There is no account registered to that email address.")), translate("nobody@example.com"));
    }

    @Test
    void answersCognitosOwnWordsWhenAnotherRefusalOrFailureComes() {
        pool.getFailures.put("throttled", new CompletionException(CognitoRefusal.of(FakeUserDirectory.cognito(
                TooManyRequestsException.builder(), "TooManyRequestsException", "Rate exceeded"))));
        pool.getFailures.put("sdk", new CompletionException(FakeUserDirectory.cognito(
                InternalErrorException.builder(), "InternalErrorException", "Internal error")));
        pool.getFailures.put("bare", new IllegalStateException());
        assertEquals(PreLoginResult.untyped("Rate exceeded"), translate("throttled"));
        assertEquals(PreLoginResult.untyped("Internal error"), translate("sdk"));
        assertEquals(PreLoginResult.untyped("IllegalStateException"), translate("bare"));
    }

    @Test
    void answersTheListFailureInCognitosWordsToo() {
        pool.listFailure = new CompletionException(new IllegalStateException("ListUsers broke"));
        assertEquals(PreLoginResult.untyped("ListUsers broke"), translate("new@example.com"));
    }

    @Test
    void messageUnwrapsOnlyACompletionException() {
        assertEquals("inner", PreLoginRule.message(new CompletionException(new IllegalStateException("inner"))));
        assertEquals("outer", PreLoginRule.message(new IllegalStateException("outer", new IllegalStateException("inner"))));
        assertEquals("CompletionException", PreLoginRule.message(new CompletionException((Throwable) null)));
    }

    @Test
    void untypedKeepsAMissingMessageEmpty() {
        assertEquals("", PreLoginResult.untyped(null).error().message());
    }
}
