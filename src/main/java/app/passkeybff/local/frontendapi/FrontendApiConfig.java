package app.passkeybff.local.frontendapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the local Frontend API stand-in reaches this service and the browser reaches it (dev and test
 * builds). Every value has a default, so the production build, which has no stand-in, needs none of it.
 */
@ConfigMapping(prefix = "local.frontend-api")
public interface FrontendApiConfig {

    /**
     * This service's own base URL: where the stand-in calls the pre-login and post-append action
     * webhooks, as Corbado's cloud calls the configured actions, and where the TLS listener forwards to.
     */
    @WithDefault("http://127.0.0.1:8080")
    String serviceUrl();

    /**
     * Port of the TLS listener for {@code https://{projectId}.localhost:{port}/local/corbado-frontend}, the
     * address {@code @corbado/connect-react} builds from a {@code frontendApiUrlSuffix}; -1: no listener.
     */
    @WithDefault("-1")
    int tlsPort();

    /** How long a connect process (the id the init operations hand out) is offered to the browser. */
    @WithDefault("30m")
    Duration processLifetime();

    /** Bound on one action webhook call. */
    @WithDefault("5s")
    Duration actionTimeout();
}
