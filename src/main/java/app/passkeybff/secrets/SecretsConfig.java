package app.passkeybff.secrets;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Where the secrets live in SSM Parameter Store and how often they are re-read. */
@ConfigMapping(prefix = "secrets")
public interface SecretsConfig {

    Parameters parameters();

    /** Re-read interval once loaded, so rotated secrets are picked up without a restart. */
    Duration refreshInterval();

    /** Re-try interval while not loaded (readiness is DOWN meanwhile). */
    Duration retryInterval();

    Duration timeout();

    interface Parameters {
        String corbadoProjectId();

        String corbadoApiSecret();

        String actionsSecret();
    }
}
