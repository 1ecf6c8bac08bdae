package app.passkeybff.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** ID-token verification: the cache of verified tokens, how long a key set is trusted, the crypto provider. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** Tokens kept at most; 0 switches the cache off. */
    @WithDefault("4096")
    int verifiedTokenCacheSize();

    /** How long a verified token is served from the cache (bounds how long a removed key keeps working). */
    @WithDefault("5m")
    Duration verifiedTokenTtl();

    /**
     * Longest time a fetched JWKS, and every token verified with it, is trusted: a key removed from the
     * pool stops working within this bound. The set is fetched again on a timer at half of it.
     */
    @WithDefault("5m")
    Duration jwksMaxAge();

    /** Amazon Corretto Crypto Provider (native AWS-LC) first, when it loads: see {@link NativeCrypto}. */
    @WithDefault("true")
    boolean nativeCrypto();
}
