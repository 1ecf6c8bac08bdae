package app.passkeybff.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Settings of the Cognito triggers when the local trigger host runs them (the Lambdas read env vars). */
@ConfigMapping(prefix = "triggers")
public interface TriggersConfig {

    /** Wrong passkey answers allowed before define-auth-challenge fails the authentication. */
    @WithDefault("3")
    @Min(value = 1, message = "must be at least 1 (env TRIGGERS_MAX_ATTEMPTS)")
    int maxAttempts();

    /** Upper bound of the verifySignedData call, well under Cognito's 5 s trigger limit. */
    @WithDefault("2500ms")
    @DurationMin(millis = 1, message = "must be a positive duration")
    Duration verifyTimeout();
}
