package app.passkeybff.secrets;

import io.smallrye.config.ConfigMapping;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** Where the secrets live in SSM Parameter Store and how often they are re-read. */
@ConfigMapping(prefix = "secrets")
public interface SecretsConfig {

    Parameters parameters();

    /** Re-read interval once loaded, so rotated secrets are picked up without a restart. */
    @DurationMin(millis = 1, message = "must be a positive duration, e.g. 2s (env SECRETS_REFRESH_INTERVAL)")
    Duration refreshInterval();

    /** Re-try interval while not loaded (readiness is DOWN meanwhile). */
    @DurationMin(millis = 1, message = "must be a positive duration, e.g. 2s (env SECRETS_RETRY_INTERVAL)")
    Duration retryInterval();

    @DurationMin(millis = 1, message = "must be a positive duration, e.g. 2s (env SECRETS_TIMEOUT)")
    Duration timeout();

    interface Parameters {
        String corbadoProjectId();

        String corbadoApiSecret();

        String actionsSecret();
    }
}
