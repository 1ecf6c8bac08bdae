package app.passkeybff.connecttoken;

import app.passkeybff.auth.IdTokenUser;
import app.passkeybff.corbado.Corbado;
import app.passkeybff.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/** Creates a Corbado ConnectToken for the signed-in Cognito user. */
@ApplicationScoped
public class ConnectTokenService {

    private final Corbado corbado;
    private final Duration stepUpMaxAge;

    public ConnectTokenService(Corbado corbado, ConnectTokenConfig config) {
        this.corbado = corbado;
        this.stepUpMaxAge = config.stepUpMaxAge();
    }

    public Uni<ConnectTokenResponse> create(IdTokenUser user, ConnectTokenType type) {
        if (type.changesCredentials() && !signedInRecently(user, Instant.now())) {
            return Uni.createFrom().failure(ProblemException.reauthenticationRequired(stepUpMaxAge.toSeconds()));
        }
        // Corbado takes a displayName only when a passkey is created.
        String displayName = type == ConnectTokenType.PASSKEY_APPEND ? user.displayName() : null;
        return corbado.createConnectToken(type.wire(), user.username(), displayName)
                .map(token -> new ConnectTokenResponse(token.secret(), type.wire(),
                        Instant.ofEpochSecond(token.expires())));
    }

    /** RFC 9470 step-up: a sign-in (auth_time) within the max age; a token without auth_time is too old. */
    boolean signedInRecently(IdTokenUser user, Instant now) {
        return user.authTime().map(signedIn -> !signedIn.plus(stepUpMaxAge).isBefore(now)).orElse(false);
    }
}
