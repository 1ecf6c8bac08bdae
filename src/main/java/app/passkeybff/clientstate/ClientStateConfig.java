package app.passkeybff.clientstate;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** The HttpOnly cookie that remembers Corbado's clientState for the login component. */
@ConfigMapping(prefix = "client-state")
public interface ClientStateConfig {

    String cookieName();

    Duration maxAge();
}
