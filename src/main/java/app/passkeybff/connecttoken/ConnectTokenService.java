package app.passkeybff.connecttoken;

import app.passkeybff.auth.IdTokenUser;
import app.passkeybff.corbado.Corbado;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Creates a Corbado ConnectToken for the signed-in Cognito user. */
@ApplicationScoped
public class ConnectTokenService {

    private final Corbado corbado;

    public ConnectTokenService(Corbado corbado) {
        this.corbado = corbado;
    }

    public Uni<ConnectTokenResponse> create(IdTokenUser user, ConnectTokenType type) {
        // Corbado takes a displayName only when a passkey is created.
        String displayName = type == ConnectTokenType.PASSKEY_APPEND ? user.displayName() : null;
        return corbado.createConnectToken(type.wire(), user.username(), displayName)
                .map(token -> new ConnectTokenResponse(token.secret(), type.wire(),
                        Instant.ofEpochSecond(token.expires())));
    }
}
