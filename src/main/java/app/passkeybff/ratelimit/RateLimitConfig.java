package app.passkeybff.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Per-client limits for the unauthenticated and webhook endpoints. */
@ConfigMapping(prefix = "rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Passkey logins per client IP per minute (also the burst). */
    @WithDefault("30")
    int loginPerMinute();

    /** Action webhook calls per client IP per minute (also the burst). */
    @WithDefault("600")
    int actionsPerMinute();

    /**
     * Addresses of reverse proxies (ingress controllers, load balancers) whose {@code X-Forwarded-For}
     * is believed. From anyone else the header is ignored, so clients cannot pick their own bucket.
     */
    Optional<List<String>> trustedProxies();

    /** Upper bound on tracked clients; idle ones are dropped first. */
    @WithDefault("100000")
    int maxClients();
}
