package app.passkeybff.clientstate;

import app.passkeybff.config.CookieName;
import app.passkeybff.config.PositiveDuration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

import java.time.Duration;

/** The HttpOnly cookie that remembers Corbado's clientState for the login component. */
@ConfigMapping(prefix = "client-state")
public interface ClientStateConfig {

    @WithConverter(CookieName.class)
    String cookieName();

    @WithConverter(PositiveDuration.class)
    Duration maxAge();
}
