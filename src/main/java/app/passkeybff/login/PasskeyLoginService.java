package app.passkeybff.login;

import app.passkeybff.cognito.AuthTokens;
import app.passkeybff.cognito.Cognito;
import app.passkeybff.cognito.CognitoErrors;
import app.passkeybff.cognito.CustomChallenge;
import app.passkeybff.cognito.Usernames;
import app.passkeybff.lambda.cognito.CognitoRefusal;
import app.passkeybff.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

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
                .onFailure(CognitoRefusal.class)
                .transform(failure -> translate((CognitoRefusal) failure));
    }

    private Uni<LoginTokens> answer(Optional<CustomChallenge> challenge, SignedPasskeyData data) {
        if (challenge.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.passkeyLoginFailed());
        }
        // No tokens means the define trigger asked for another attempt: this answer was wrong.
        return cognito.answerCustomChallenge(challenge.get(), data.raw())
                .map(tokens -> tokens.map(PasskeyLoginService::loginTokens).orElseThrow(ProblemException::passkeyLoginFailed));
    }

    private static LoginTokens loginTokens(AuthTokens tokens) {
        return new LoginTokens(tokens.idToken(), tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(),
                tokens.tokenType());
    }

    /** A disabled account is told apart; every other refusal about the user or the answer is the same 401. */
    private static ProblemException translate(CognitoRefusal refusal) {
        return switch (refusal.reason()) {
            case DISABLED -> ProblemException.accountDisabled();
            // INVALID_INPUT: Cognito refused the webauthnId as a username, which is client input.
            case UNKNOWN_USER, NOT_AUTHORIZED, NOT_CONFIRMED, RESET_REQUIRED, INVALID_INPUT ->
                    ProblemException.passkeyLoginFailed();
            case THROTTLED -> ProblemException.rateLimited(1, "Cognito is throttling requests.");
            case REFUSED -> CognitoErrors.refused("the login", refusal);
        };
    }
}
