package app.passkeybff.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the SSM secrets are in memory. */
@Readiness
@ApplicationScoped
public class SecretsHealthCheck implements HealthCheck {

    private final Secrets secrets;

    public SecretsHealthCheck(Secrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("ssm-secrets");
        secrets.current().ifPresent(loaded -> builder.withData("loadedAt", loaded.loadedAt().toString()));
        secrets.lastError().ifPresent(error -> builder.withData("lastError", error));
        return builder.status(secrets.current().isPresent()).build();
    }
}
