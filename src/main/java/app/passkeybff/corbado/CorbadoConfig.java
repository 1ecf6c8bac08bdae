package app.passkeybff.corbado;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Corbado Backend API settings; credentials are not here, they come from SSM. */
@ConfigMapping(prefix = "corbado")
public interface CorbadoConfig {

    String apiUrl();

    /** Upper bound for one Backend API call; past it the caller gets 504. */
    Duration timeout();

    /** Lifetime asked for new ConnectTokens; 0 leaves Corbado's default. */
    Duration connectTokenLifetime();
}
