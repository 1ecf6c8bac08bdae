package app.passkeybff.ratelimit;

import app.passkeybff.config.StrictBoolean;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

import java.util.List;
import java.util.Optional;

/** Per-client limits for the unauthenticated and webhook endpoints, and per-user limits behind the ID token. */
@ConfigMapping(prefix = "rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    @WithConverter(StrictBoolean.class)
    boolean enabled();

    /** Passkey logins per client IP per minute (also the burst). */
    @WithDefault("30")
    @Min(value = 1, message = "must be at least 1 (env RATE_LIMIT_LOGIN_PER_MINUTE)")
    int loginPerMinute();

    /** Action webhook calls per client IP per minute (also the burst). */
    @WithDefault("600")
    @Min(value = 1, message = "must be at least 1 (env RATE_LIMIT_ACTIONS_PER_MINUTE)")
    int actionsPerMinute();

    /**
     * Calls to {@code /connect-tokens} and {@code /passkey-append-complete} per Cognito user per minute,
     * together (also the burst). Each costs a Corbado ConnectToken or a Cognito AdminGetUser.
     */
    @WithDefault("30")
    @Min(value = 1, message = "must be at least 1 (env RATE_LIMIT_USER_PER_MINUTE)")
    int userPerMinute();

    /**
     * Addresses of reverse proxies (ingress controllers, load balancers) whose {@code X-Forwarded-For}
     * is believed. From anyone else the header is ignored, so clients cannot pick their own bucket.
     */
    Optional<List<@WithConverter(TrustedProxyEntry.class) String>> trustedProxies();

    /** Upper bound on tracked clients; idle ones are dropped first. */
    @WithDefault("100000")
    @Min(1)
    int maxClients();
}
