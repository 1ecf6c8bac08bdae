package app.passkeybff.corbado;

import app.passkeybff.config.HttpUrl;
import app.passkeybff.config.PositiveDuration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Corbado Backend API settings; credentials are not here, they come from SSM. */
@ConfigMapping(prefix = "corbado")
public interface CorbadoConfig {

    @WithConverter(HttpUrl.class)
    String apiUrl();

    /**
     * Corbado's Frontend API, whose {@code /.well-known/jwks} key set signs signedPasskeyData; empty
     * means the project's own, {@code https://{projectId}.frontendapi.cloud.corbado.io}.
     */
    Optional<@WithConverter(HttpUrl.class) String> frontendApiUrl();

    /** Upper bound for one Backend API call; past it the caller gets 504. */
    @WithConverter(PositiveDuration.class)
    Duration timeout();

    /** How long the circuit stays open before a trial call (half-open). */
    @WithDefault("5s")
    @WithConverter(PositiveDuration.class)
    Duration breakerDelay();

    /** Lifetime asked for new ConnectTokens; 0 leaves Corbado's default. */
    Duration connectTokenLifetime();
}
