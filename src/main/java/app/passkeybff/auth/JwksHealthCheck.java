package app.passkeybff.auth;

import app.passkeybff.cognito.CognitoConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Ready only while the pool's JWKS can verify tokens: fetched successfully within the last ten
 * minutes, or reachable now. Fetches are counted in {@code passkey_bff_jwks_fetches_total{outcome}}.
 */
@Readiness
@ApplicationScoped
public class JwksHealthCheck implements AsyncHealthCheck {

    static final Duration FRESH = Duration.ofMinutes(10);

    private final URI jwks;
    private final MeterRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Instant lastSuccess;

    public JwksHealthCheck(CognitoConfig config, MeterRegistry registry) {
        this.jwks = URI.create(config.jwksUrl());
        this.registry = registry;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Instant last = lastSuccess;
        if (last != null && last.plus(FRESH).isAfter(Instant.now())) {
            return Uni.createFrom().item(response(true, "cached", last));
        }
        HttpRequest request = HttpRequest.newBuilder(jwks).timeout(Duration.ofSeconds(3)).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(answer -> answer.statusCode() == 200 && answer.body().contains("\"keys\""))
                .onFailure().recoverWithItem(false)
                .map(ok -> {
                    registry.counter("passkey.bff.jwks.fetches", "outcome", ok ? "success" : "failure").increment();
                    if (ok) {
                        lastSuccess = Instant.now();
                    }
                    return response(ok, ok ? "fetched" : "unreachable", lastSuccess);
                });
    }

    private HealthCheckResponse response(boolean up, String state, Instant last) {
        var builder = HealthCheckResponse.named("cognito-jwks").status(up).withData("url", jwks.toString())
                .withData("state", state);
        if (last != null) {
            builder.withData("lastFetched", last.toString());
        }
        return builder.build();
    }
}
