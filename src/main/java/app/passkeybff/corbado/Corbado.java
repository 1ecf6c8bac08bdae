package app.passkeybff.corbado;

import app.passkeybff.observability.UpstreamMetrics;
import app.passkeybff.problem.UpstreamFailure;
import app.passkeybff.resilience.UpstreamGuard;
import app.passkeybff.secrets.Secrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Corbado Backend API as the features see it: credentials from SSM, and every call through the
 * {@link UpstreamGuard} (timeout, breaker, failures already turned into problems, metrics).
 */
@ApplicationScoped
public class Corbado {

    /** Name of the circuit breaker, for health checks, metrics and tests. */
    public static final String BREAKER = "corbado";

    private final CorbadoApi api;
    private final Secrets secrets;
    private final CorbadoConfig config;
    private final UpstreamGuard guard;

    Corbado(CorbadoApi api, Secrets secrets, CorbadoConfig config, UpstreamMetrics metrics) {
        this.api = api;
        this.secrets = secrets;
        this.config = config;
        this.guard = new UpstreamGuard(BREAKER, CorbadoErrors.NAME, config.timeout(), config.breakerDelay(),
                CorbadoErrors::translate, metrics);
    }

    public Uni<CorbadoConnectToken> createConnectToken(String type, String identifier, String displayName) {
        long lifetime = config.connectTokenLifetime().toSeconds();
        var request = new CorbadoConnectTokenRequest(type, new CorbadoConnectTokenRequest.Data(displayName, identifier),
                lifetime > 0 ? (int) lifetime : null);
        return secrets.get().flatMap(loaded -> guard.call("createConnectToken",
                () -> api.createConnectToken(loaded.corbado().basicAuthorization(), request).map(Corbado::requireSecret)));
    }

    private static CorbadoConnectToken requireSecret(CorbadoConnectToken token) {
        if (token == null || token.secret() == null || token.secret().isBlank() || token.expires() == null) {
            throw UpstreamFailure.error(CorbadoErrors.NAME + " sent a ConnectToken without secret or expiry.");
        }
        return token;
    }
}
