package app.passkeybff.corbado;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Corbado Backend API settings; credentials are not here, they come from SSM. */
@ConfigMapping(prefix = "corbado")
public interface CorbadoConfig {

    String apiUrl();

    /** Upper bound for one Backend API call; past it the caller gets 504. */
    Duration timeout();

    /** How long the circuit stays open before a trial call (half-open). */
    @WithDefault("5s")
    Duration breakerDelay();

    /** Lifetime asked for new ConnectTokens; 0 leaves Corbado's default. */
    Duration connectTokenLifetime();
}
