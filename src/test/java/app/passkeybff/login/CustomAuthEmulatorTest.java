package app.passkeybff.login;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fixture tests: the local Cognito's CUSTOM_AUTH as a client like Amplify sees it (AWS SDK straight to
 * the emulator), with the project's triggers answering through the local Lambda Invoke API. They pin that
 * the emulator behaves as Cognito does (challenges, sessions, PreventUserExistenceErrors, ALLOW_CUSTOM_AUTH),
 * so that the service tests built on it mean something; most of what they check is the emulator's own
 * model of Cognito, not code this project ships. They are never cited as proof of a mitigation: the
 * triggers' rules are proven by {@code lambda.triggers.DefineAuthChallengeTest} and
 * {@code VerifyAuthChallengeHandlerTest}, the service's answers by {@code PasskeyLoginResourceTest}.
 */
@QuarkusTest
class CustomAuthEmulatorTest {

    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static InitiateAuthResponse start(CognitoIdentityProviderClient cognito, String username) {
        return start(cognito, LocalAwsResource.seed().clientId(), username);
    }

    private static InitiateAuthResponse start(CognitoIdentityProviderClient cognito, String clientId, String username) {
        return cognito.initiateAuth(b -> b.clientId(clientId)
                .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", username)));
    }

    private static RespondToAuthChallengeResponse answer(CognitoIdentityProviderClient cognito, String session,
                                                         String username, String answer) {
        return cognito.respondToAuthChallenge(b -> b.clientId(LocalAwsResource.seed().clientId())
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(session)
                .challengeResponses(Map.of("USERNAME", username, "ANSWER", answer)));
    }

    /** A further app client of the seeded pool, configured by the test. */
    private static String appClient(Consumer<software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest.Builder> settings) {
        return Users.withCognito(cognito -> cognito.createUserPoolClient(b -> {
            b.userPoolId(Users.poolId()).clientName("test-" + UUID.randomUUID());
            settings.accept(b);
        }).userPoolClient().clientId());
    }

    /** Three wrong answers, as a client talking to Cognito directly would send them; returns the last failure. */
    private static NotAuthorizedException threeWrongAnswers(CognitoIdentityProviderClient cognito, String username) {
        InitiateAuthResponse challenge = start(cognito, username);
        String name = challenge.challengeParameters().get("USERNAME");
        String session = challenge.session();
        for (int attempt = 1; attempt < 3; attempt++) {
            RespondToAuthChallengeResponse again = answer(cognito, session, name, "wrong-" + attempt);
            assertNull(again.authenticationResult(), "attempt " + attempt);
            assertEquals(ChallengeNameType.CUSTOM_CHALLENGE, again.challengeName(), "attempt " + attempt);
            session = again.session();
        }
        String last = session;
        return assertThrows(NotAuthorizedException.class, () -> answer(cognito, last, name, "wrong-3"));
    }

    @Test
    void issuesPasskeyChallengeFromTheCreateTrigger() {
        String username = Users.confirmedUser(Users.uniqueEmail("challenge"));
        InitiateAuthResponse challenge = Users.withCognito(cognito -> start(cognito, username));
        assertEquals(ChallengeNameType.CUSTOM_CHALLENGE, challenge.challengeName());
        assertEquals("passkey", challenge.challengeParameters().get("challenge"));
        assertEquals(username, challenge.challengeParameters().get("USERNAME"));
        assertNotNull(challenge.session());
    }

    @Test
    void failsAuthenticationAfterThreeWrongAnswers() {
        String username = Users.confirmedUser(Users.uniqueEmail("attempts"));
        Users.cognito(cognito -> {
            String session = start(cognito, username).session();
            for (int attempt = 1; attempt < 3; attempt++) {
                RespondToAuthChallengeResponse again = answer(cognito, session, username, "wrong-" + attempt);
                assertNull(again.authenticationResult(), "attempt " + attempt);
                assertEquals(ChallengeNameType.CUSTOM_CHALLENGE, again.challengeName());
                session = again.session();
            }
            String last = session;
            assertThrows(NotAuthorizedException.class, () -> answer(cognito, last, username, "wrong-3"));
        });
    }

    @Test
    void issuesTokensAfterAWrongThenACorrectAnswer() {
        String username = Users.confirmedUser(Users.uniqueEmail("second-try"));
        Users.cognito(cognito -> {
            String session = answer(cognito, start(cognito, username).session(), username, "wrong").session();
            var result = answer(cognito, session, username, Users.signedPasskeyData(username)).authenticationResult();
            assertNotNull(result.idToken());
        });
    }

    @Test
    void refusesReusedSession() {
        String username = Users.confirmedUser(Users.uniqueEmail("session"));
        Users.cognito(cognito -> {
            String session = start(cognito, username).session();
            answer(cognito, session, username, "wrong");
            assertThrows(NotAuthorizedException.class,
                    () -> answer(cognito, session, username, Users.signedPasskeyData(username)));
        });
    }

    // --- PreventUserExistenceErrors and ALLOW_CUSTOM_AUTH (the seeded client uses the recommended ENABLED) ---

    @Test
    void unknownUserGetsTheSameChallengeAsARealUser() {
        String real = Users.confirmedUser(Users.uniqueEmail("real"));
        String unknown = UUID.randomUUID().toString();
        Users.cognito(cognito -> {
            InitiateAuthResponse forReal = start(cognito, real);
            InitiateAuthResponse forUnknown = start(cognito, unknown);
            assertEquals(forReal.challengeName(), forUnknown.challengeName());
            assertEquals(forReal.challengeParameters().keySet(), forUnknown.challengeParameters().keySet());
            assertEquals("passkey", forUnknown.challengeParameters().get("challenge"));
            assertEquals(unknown, forUnknown.challengeParameters().get("USERNAME"));
            assertNotNull(forUnknown.session());
        });
    }

    @Test
    void unknownEmailGetsAnOpaqueUsernameLikeARealOne() {
        String realEmail = Users.uniqueEmail("alias");
        Users.confirmedUser(realEmail);
        Users.cognito(cognito -> {
            assertTrue(start(cognito, realEmail).challengeParameters().get("USERNAME").matches(UUID_SHAPE));
            assertTrue(start(cognito, Users.uniqueEmail("nobody")).challengeParameters().get("USERNAME").matches(UUID_SHAPE));
        });
    }

    @Test
    void unknownUserFailsAfterTheSameWrongAnswersWithTheSameError() {
        String real = Users.confirmedUser(Users.uniqueEmail("steps"));
        Users.cognito(cognito -> {
            NotAuthorizedException forReal = threeWrongAnswers(cognito, real);
            NotAuthorizedException forUnknown = threeWrongAnswers(cognito, UUID.randomUUID().toString());
            assertEquals(forReal.awsErrorDetails().errorCode(), forUnknown.awsErrorDetails().errorCode());
            assertEquals(forReal.awsErrorDetails().errorMessage(), forUnknown.awsErrorDetails().errorMessage());
        });
    }

    @Test
    void unknownUserNeverGetsTokensEvenWithPasskeyDataCorbadoAccepts() {
        String unknown = UUID.randomUUID().toString();
        Users.cognito(cognito -> {
            // The stub signs for any username, so Corbado would say success: only userNotFound stops it.
            RespondToAuthChallengeResponse result = answer(cognito, start(cognito, unknown).session(), unknown,
                    Users.signedPasskeyData(unknown));
            assertNull(result.authenticationResult());
            assertEquals(ChallengeNameType.CUSTOM_CHALLENGE, result.challengeName());
        });
    }

    @Test
    void legacyClientAnswersUnknownUserWithUserNotFound() {
        String legacy = appClient(b -> b.explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH)
                .preventUserExistenceErrors(PreventUserExistenceErrorTypes.LEGACY));
        String unset = appClient(b -> b.explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH));
        Users.cognito(cognito -> {
            assertThrows(UserNotFoundException.class, () -> start(cognito, legacy, UUID.randomUUID().toString()));
            assertThrows(UserNotFoundException.class, () -> start(cognito, unset, UUID.randomUUID().toString()));
        });
    }

    @Test
    void refusesCustomAuthForClientWithoutAllowCustomAuth() {
        String real = Users.confirmedUser(Users.uniqueEmail("no-custom"));
        String passwordOnly = appClient(b -> b.explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH).preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED));
        Users.cognito(cognito -> {
            var refused = assertThrows(InvalidParameterException.class, () -> start(cognito, passwordOnly, real));
            assertEquals("Auth flow not enabled for this client", refused.awsErrorDetails().errorMessage());
            assertThrows(InvalidParameterException.class, () -> start(cognito, passwordOnly, UUID.randomUUID().toString()));
            assertThrows(InvalidParameterException.class, () -> cognito.adminInitiateAuth(b -> b.userPoolId(Users.poolId())
                    .clientId(passwordOnly).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", real))));
        });
    }

    @Test
    void clientWithoutExplicitAuthFlowsAllowsCustomAuthAsCognitoDefaults() {
        String real = Users.confirmedUser(Users.uniqueEmail("default-flows"));
        String defaults = appClient(b -> { });
        Users.cognito(cognito -> assertEquals(ChallengeNameType.CUSTOM_CHALLENGE, start(cognito, defaults, real).challengeName()));
    }
}
