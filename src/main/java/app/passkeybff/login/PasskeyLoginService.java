package app.passkeybff.login;

import app.passkeybff.cognito.Cognito;
import app.passkeybff.cognito.CognitoErrors;
import app.passkeybff.cognito.Usernames;
import app.passkeybff.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Passkey login: the signedPasskeyData checked locally (never spent), then Cognito CUSTOM_AUTH started
 * for its {@code webauthnId} and answered with the whole signedPasskeyData, which the verify trigger
 * checks with Corbado. Every way of not getting tokens looks the same to the caller, except a
 * disabled account.
 */
@ApplicationScoped
public class PasskeyLoginService {

    private final Cognito cognito;
    private final SignedPasskeyDataVerifier verifier;

    public PasskeyLoginService(Cognito cognito, SignedPasskeyDataVerifier verifier) {
        this.cognito = cognito;
        this.verifier = verifier;
    }

    public Uni<LoginTokens> login(SignedPasskeyData data) {
        return verifier.verify(data).flatMap(this::startCustomAuth);
    }

    private Uni<LoginTokens> startCustomAuth(SignedPasskeyData data) {
        if (!Usernames.acceptable(data.webauthnId())) {
            return Uni.createFrom().failure(ProblemException.passkeyLoginFailed());
        }
        return cognito.initiateCustomAuth(data.webauthnId())
                .flatMap(challenge -> answer(challenge, data))
                .onFailure(CognitoIdentityProviderException.class)
                .transform(failure -> translate((CognitoIdentityProviderException) failure));
    }

    private Uni<LoginTokens> answer(InitiateAuthResponse challenge, SignedPasskeyData data) {
        if (challenge.challengeName() != ChallengeNameType.CUSTOM_CHALLENGE || challenge.session() == null) {
            return Uni.createFrom().failure(ProblemException.passkeyLoginFailed());
        }
        // Cognito may name the user differently from the alias the login started with.
        String username = challenge.challengeParameters().getOrDefault("USERNAME", data.webauthnId());
        return cognito.answerCustomChallenge(challenge.session(), username, data.raw())
                .map(result -> tokens(result.authenticationResult()));
    }

    private static LoginTokens tokens(AuthenticationResultType result) {
        // No tokens means the define trigger asked for another attempt: this answer was wrong.
        if (result == null || result.idToken() == null) {
            throw ProblemException.passkeyLoginFailed();
        }
        return new LoginTokens(result.idToken(), result.accessToken(), result.refreshToken(),
                result.expiresIn() == null ? 3600 : result.expiresIn(),
                result.tokenType() == null ? "Bearer" : result.tokenType());
    }

    private static ProblemException translate(CognitoIdentityProviderException failure) {
        if (failure instanceof NotAuthorizedException && failure.awsErrorDetails() != null
                && String.valueOf(failure.awsErrorDetails().errorMessage()).contains("disabled")) {
            return ProblemException.accountDisabled();
        }
        // InvalidParameter: Cognito refused the webauthnId as a username, which is client input.
        if (failure instanceof NotAuthorizedException || failure instanceof UserNotFoundException
                || failure instanceof UserNotConfirmedException || failure instanceof PasswordResetRequiredException
                || failure instanceof InvalidParameterException) {
            return ProblemException.passkeyLoginFailed();
        }
        return CognitoErrors.refused("the login", failure);
    }
}
