package app.passkeybff.lambda.corbado;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether signedPasskeyData is genuine, checked locally without spending it: an RS256 signature by the
 * key its {@code kid} names in Corbado's Frontend API key set, {@code iss} = the Corbado project id,
 * {@code exp} required, {@code exp}/{@code nbf}/{@code iat} with {@value #CLOCK_SKEW_SECONDS} s skew,
 * and sane dates for short-lived data ({@code exp} at most a day ahead, {@code iat} not older than a day).
 * The one check for both places that hold such data: the service before it starts a CUSTOM_AUTH, and
 * the verify trigger before it calls Corbado's {@code verifySignedData} (which stays the authority and
 * the single-use check). Auth0's java-jwt (Jackson, the JDK's crypto), so the Lambda jar carries it too.
 * Time is an input, so tests set it.
 */
public final class SignedPasskeyDataCheck {

    public static final int CLOCK_SKEW_SECONDS = 30;
    public static final Duration MAX_LIFETIME = Duration.ofDays(1);

    private SignedPasskeyDataCheck() {
    }

    /**
     * The {@code kid} of data whose header says RS256; empty for any other algorithm ({@code none},
     * HS256, ...), a missing kid or an unreadable value, so no key is ever looked up for those.
     */
    public static Optional<String> rs256KeyId(String raw) {
        try {
            DecodedJWT decoded = JWT.decode(raw);
            if ("RS256".equals(decoded.getAlgorithm()) && decoded.getKeyId() != null && !decoded.getKeyId().isBlank()) {
                return Optional.of(decoded.getKeyId());
            }
        } catch (RuntimeException e) {
            // An unreadable value is refused like any other.
        }
        return Optional.empty();
    }

    /** Signature, issuer and dates. */
    public static boolean valid(String raw, RSAPublicKey key, String projectId, Clock clock) {
        return check(raw, key, projectId, null, clock);
    }

    /** Signature, issuer and dates, and the data names {@code webauthnId} as its Cognito user. */
    public static boolean validFor(String raw, RSAPublicKey key, String projectId, String webauthnId, Clock clock) {
        return webauthnId != null && check(raw, key, projectId, webauthnId, clock);
    }

    private static boolean check(String raw, RSAPublicKey key, String projectId, String webauthnId, Clock clock) {
        try {
            Verification rules = JWT.require(Algorithm.RSA256(key, null))
                    .withIssuer(projectId)
                    .withClaimPresence("exp")
                    .acceptLeeway(CLOCK_SKEW_SECONDS);
            if (webauthnId != null) {
                rules.withClaim("webauthnId", webauthnId);
            }
            JWTVerifier verifier = ((JWTVerifier.BaseVerification) rules).build(clock);
            DecodedJWT data = verifier.verify(raw);
            Instant now = clock.instant();
            Duration skew = Duration.ofSeconds(CLOCK_SKEW_SECONDS);
            Instant issuedAt = data.getIssuedAtAsInstant();
            return !data.getExpiresAtAsInstant().isAfter(now.plus(MAX_LIFETIME).plus(skew))
                    && (issuedAt == null || !issuedAt.isBefore(now.minus(MAX_LIFETIME).minus(skew)));
        } catch (RuntimeException e) {
            // Verification failures, and arithmetic on absurd dates: both mean "not valid data". The
            // exception text may quote the claims, so it is never logged.
            return false;
        }
    }
}
