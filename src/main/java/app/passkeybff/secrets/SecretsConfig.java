package app.passkeybff.secrets;

import app.passkeybff.config.Settings;
import app.passkeybff.config.StrictBoolean;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Optional;

/** Where the secrets live in SSM Parameter Store and how often they are re-read. */
@ConfigMapping(prefix = "secrets")
public interface SecretsConfig {

    Parameters parameters();

    /** Region of SSM ({@code AWS_REGION}, shared with Cognito). */
    @Pattern(regexp = Settings.AWS_REGION, message = "must be an AWS region such as us-east-1 (env AWS_REGION)")
    String region();

    /** Endpoint override ({@code SSM_ENDPOINT}, emulators); AWS's regional endpoint when empty. */
    Optional<@Pattern(regexp = Settings.HTTP_URL, message = "must be an http(s) URL (env SSM_ENDPOINT)") String> endpoint();

    /** Fixed dummy credentials for the local emulator (dev and test only); else the default AWS chain (IRSA). */
    @WithDefault("false")
    @WithConverter(StrictBoolean.class)
    boolean localCredentials();

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
