package app.passkeybff.auth;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while ID tokens can be verified: {@link PoolKeys} holds a trusted key set. Without one it
 * asks PoolKeys for the fetch a request would cause (joining one under way, not more often than a request
 * could) and reports its outcome; it never fetches the JWKS itself, so every fetch is PoolKeys' and
 * counted in {@code passkey_bff_jwks_fetches_total{outcome}}.
 */
@Readiness
@ApplicationScoped
public class JwksHealthCheck implements AsyncHealthCheck {

    private final PoolKeys keys;

    public JwksHealthCheck(PoolKeys keys) {
        this.keys = keys;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        PoolKeys.KeySet held = keys.trusted();
        if (held != null) {
            return Uni.createFrom().item(response(held, "trusted"));
        }
        return Uni.createFrom().completionStage(keys::refreshIfDue)
                .map(set -> set != null ? response(set, "fetched") : response(null, "unreachable"));
    }

    private HealthCheckResponse response(PoolKeys.KeySet trusted, String state) {
        var builder = HealthCheckResponse.named("cognito-jwks").status(trusted != null).withData("url", keys.url())
                .withData("state", state);
        PoolKeys.KeySet last = trusted != null ? trusted : keys.last();
        if (last != null) {
            builder.withData("lastFetched", last.fetchedAt().toString());
        }
        return builder.build();
    }
}
