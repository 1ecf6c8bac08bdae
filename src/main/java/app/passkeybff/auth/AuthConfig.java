package app.passkeybff.auth;

import app.passkeybff.config.StrictBoolean;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** ID-token verification: the cache of verified tokens, how long a key set is trusted, the crypto provider. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** Tokens kept at most; 0 switches the cache off. */
    @WithDefault("4096")
    @Min(value = 0, message = "must not be negative (env AUTH_VERIFIED_TOKEN_CACHE_SIZE)")
    int verifiedTokenCacheSize();

    /** How long a verified token is served from the cache (bounds how long a removed key keeps working). */
    @WithDefault("5m")
    @DurationMin(millis = 0, message = "must not be negative (env AUTH_VERIFIED_TOKEN_TTL)")
    Duration verifiedTokenTtl();

    /**
     * Longest time a fetched JWKS, and every token verified with it, is trusted: a key removed from the
     * pool stops working within this bound. The set is fetched again on a timer at half of it.
     */
    @WithDefault("5m")
    @DurationMin(millis = 1, message = "must be a positive duration, e.g. 2s (env AUTH_JWKS_MAX_AGE)")
    Duration jwksMaxAge();

    /** Amazon Corretto Crypto Provider (native AWS-LC) first, when it loads: see {@link NativeCrypto}. */
    @WithDefault("true")
    @WithConverter(StrictBoolean.class)
    boolean nativeCrypto();
}
