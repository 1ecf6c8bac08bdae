package app.passkeybff.cognito;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the Cognito circuit is open: this pod cannot log anyone in, so the load balancer
 * should prefer the others until the breaker half-opens.
 */
@Readiness
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
