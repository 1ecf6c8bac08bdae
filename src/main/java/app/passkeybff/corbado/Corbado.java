package app.passkeybff.corbado;

import app.passkeybff.observability.UpstreamMetrics;
import app.passkeybff.problem.UpstreamFailure;
import app.passkeybff.secrets.Secrets;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The Corbado Backend API as the features see it: credentials from SSM, a timeout, a circuit
 * breaker, and failures already turned into problems. ConnectToken creation is not idempotent, so
 * it is never retried.
 */
@ApplicationScoped
public class Corbado {

    static final String NAME = "Corbado";

    private final CorbadoApi api;
    private final Secrets secrets;
    private final CorbadoConfig config;
    private final UpstreamMetrics metrics;

    public Corbado(@RestClient CorbadoApi api, Secrets secrets, CorbadoConfig config, UpstreamMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
        this.secrets = secrets;
        this.config = config;
    }

    @AsynchronousNonBlocking
    @CircuitBreakerName("corbado")
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = UpstreamFailure.class)
    public Uni<CorbadoConnectToken> createConnectToken(String type, String identifier, String displayName) {
        long lifetime = config.connectTokenLifetime().toSeconds();
        var request = new CorbadoConnectTokenRequest(type, new CorbadoConnectTokenRequest.Data(displayName, identifier),
                lifetime > 0 ? (int) lifetime : null);
        return secrets.get()
                .flatMap(loaded -> metrics.timed("corbado", "createConnectToken",
                        api.createConnectToken(loaded.corbado().basicAuthorization(), request)
                                .ifNoItem().after(config.timeout())
                                .failWith(() -> UpstreamFailure.timeout(NAME + " did not answer in time."))
                                .onFailure().transform(failure -> UpstreamErrors.translate(NAME, failure))
                                .map(Corbado::requireSecret)));
    }

    private static CorbadoConnectToken requireSecret(CorbadoConnectToken token) {
        if (token == null || token.secret() == null || token.secret().isBlank() || token.expires() == null) {
            throw UpstreamFailure.error(NAME + " sent a ConnectToken without secret or expiry.");
        }
        return token;
    }
}
