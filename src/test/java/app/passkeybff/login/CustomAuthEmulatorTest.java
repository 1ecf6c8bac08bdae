package app.passkeybff.login;

import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The local Cognito's CUSTOM_AUTH as a client like Amplify sees it (AWS SDK straight to the
 * emulator), with the project's triggers answering through the local Lambda Invoke API.
 */
@QuarkusTest
class CustomAuthEmulatorTest {

    private static InitiateAuthResponse start(CognitoIdentityProviderClient cognito, String username) {
        return cognito.initiateAuth(b -> b.clientId(LocalAwsResource.seed().clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", username)));
    }

    private static RespondToAuthChallengeResponse answer(CognitoIdentityProviderClient cognito, String session,
                                                         String username, String answer) {
        return cognito.respondToAuthChallenge(b -> b.clientId(LocalAwsResource.seed().clientId())
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(session)
                .challengeResponses(Map.of("USERNAME", username, "ANSWER", answer)));
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
}
