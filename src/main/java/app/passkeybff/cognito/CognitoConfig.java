package app.passkeybff.cognito;

import app.passkeybff.config.Settings;
import app.passkeybff.config.StrictBoolean;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Optional;

/** The Cognito user pool and app client the service fronts. */
@ConfigMapping(prefix = "cognito")
public interface CognitoConfig {

    /** Region of the pool ({@code AWS_REGION}, shared with SSM). */
    @Pattern(regexp = Settings.AWS_REGION, message = "must be an AWS region such as us-east-1 (env AWS_REGION)")
    String region();

    String userPoolId();

    /** The app client: starts CUSTOM_AUTH and is the audience of accepted ID tokens. */
    String clientId();

    /** Set when the app client has a secret; every auth call then carries SECRET_HASH. */
    Optional<String> clientSecret();

    /** Expected {@code iss} of ID tokens. */
    String issuer();

    /** JWKS location, separate from the issuer so emulators can serve it. */
    @Pattern(regexp = Settings.HTTP_URL, message = "must be an http(s) URL (env COGNITO_JWKS_URL)")
    String jwksUrl();

    /** Upper bound for one Cognito call; past it the caller gets 504. */
    @DurationMin(millis = 1, message = "must be a positive duration, e.g. 2s (env COGNITO_TIMEOUT)")
    Duration timeout();

    /**
     * Upper bound for RespondToAuthChallenge, which runs the verify trigger (its Corbado call alone
     * may take 2.5 s), then define, plus cold starts: above that budget, because answering 504 while
     * Cognito goes on to succeed spends the single-use data and throws the tokens away.
     */
    @WithDefault("8s")
    @DurationMin(millis = 1, message = "must be a positive duration, e.g. 2s (env COGNITO_CHALLENGE_TIMEOUT)")
    Duration challengeTimeout();

    /** How long the circuit stays open before a trial call (half-open). */
    @WithDefault("5s")
    @DurationMin(millis = 1, message = "must be a positive duration, e.g. 2s (env COGNITO_BREAKER_DELAY)")
    Duration breakerDelay();

    /** Endpoint override (emulators); AWS's regional endpoint when empty. */
    Optional<@Pattern(regexp = Settings.HTTP_URL, message = "must be an http(s) URL (env COGNITO_ENDPOINT)") String> endpoint();

    /** Fixed dummy credentials for the local emulator (dev and test only); else the default AWS chain (IRSA). */
    @WithDefault("false")
    @WithConverter(StrictBoolean.class)
    boolean localCredentials();
}
