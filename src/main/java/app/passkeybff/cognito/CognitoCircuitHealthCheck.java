package app.passkeybff.cognito;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

/**
 * DOWN while the Cognito circuit is open, in the wellness group ({@code /q/health/well}), not in
 * readiness: an upstream's breaker opens on every pod at once, and readiness would then take the
 * whole fleet out of the load balancer, with /connect-tokens and /client-state that need no Cognito.
 */
@Wellness
@ApplicationScoped
public class CognitoCircuitHealthCheck implements HealthCheck {

    private final Cognito cognito;

    public CognitoCircuitHealthCheck(Cognito cognito) {
        this.cognito = cognito;
    }

    @Override
    public HealthCheckResponse call() {
        CircuitBreakerState state = cognito.circuitState();
        return HealthCheckResponse.named("cognito-circuit").status(state != CircuitBreakerState.OPEN)
                .withData("state", state.name()).build();
    }
}
