package app.passkeybff.cognito;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The Cognito user pool and app client the service fronts. */
@ConfigMapping(prefix = "cognito")
public interface CognitoConfig {

    /** Region of the pool ({@code AWS_REGION}, shared with SSM). */
    String region();

    String userPoolId();

    /** The app client: starts CUSTOM_AUTH and is the audience of accepted ID tokens. */
    String clientId();

    /** Set when the app client has a secret; every auth call then carries SECRET_HASH. */
    Optional<String> clientSecret();

    /** Expected {@code iss} of ID tokens. */
    String issuer();

    /** JWKS location, separate from the issuer so emulators can serve it. */
    String jwksUrl();

    /** Upper bound for one Cognito call; past it the caller gets 504. */
    Duration timeout();

    /** How long the circuit stays open before a trial call (half-open). */
    @WithDefault("5s")
    Duration breakerDelay();

    /** Endpoint override (emulators); AWS's regional endpoint when empty. */
    Optional<String> endpoint();

    /** Fixed dummy credentials for the local emulator (dev and test only); else the default AWS chain (IRSA). */
    @WithDefault("false")
    boolean localCredentials();
}
