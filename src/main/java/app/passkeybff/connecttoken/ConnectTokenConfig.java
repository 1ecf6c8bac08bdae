package app.passkeybff.connecttoken;

import app.passkeybff.config.PositiveDuration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

import java.time.Duration;

/** Settings of ConnectToken creation. */
@ConfigMapping(prefix = "connect-tokens")
public interface ConnectTokenConfig {

    /**
     * How recent the sign-in behind the ID token ({@code auth_time}) must be for a ConnectToken that adds or
     * removes a passkey ({@code STEP_UP_MAX_AGE}, application.properties): a credential change needs a fresh
     * sign-in, so a leaked or old ID token cannot plant an attacker's passkey or delete the user's.
     */
    @WithConverter(PositiveDuration.class)
    Duration stepUpMaxAge();
}
