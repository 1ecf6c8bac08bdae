package app.passkeybff.local.frontendapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/**
 * The relying party the local Corbado Frontend API stand-in plays (dev and test builds). Every value
 * has a default, so the production build, which has no such endpoint, needs none of it.
 */
@ConfigMapping(prefix = "local.webauthn")
public interface LocalWebAuthnConfig {

    /** RP ID: passkeys are bound to it; {@code localhost} is a secure context without TLS. */
    @WithDefault("localhost")
    String rpId();

    /** Origins whose ceremonies are accepted (the SPA pages): Vite dev servers, Vite previews, the service. */
    @WithDefault("http://localhost:5173,http://localhost:5174,http://localhost:4173,http://localhost:4174,http://localhost:8080")
    List<String> origins();

    /** How long a registration or assertion challenge may wait for its answer. */
    @WithDefault("5m")
    Duration challengeLifetime();
}
