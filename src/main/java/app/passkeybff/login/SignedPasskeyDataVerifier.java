package app.passkeybff.login;

import app.passkeybff.corbado.FrontendApiKeys;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.secrets.Secrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * Checks signedPasskeyData before Cognito sees it, without spending it: an RS256 signature by a key
 * of Corbado's Frontend API key set, {@code iss} = the Corbado project id, {@code exp}/{@code nbf}
 * with {@value #CLOCK_SKEW_SECONDS} s skew, and sane dates (short-lived data: {@code exp} at most a
 * day ahead, {@code iat} not in the future, not older than a day). Forged data thus never starts a CUSTOM_AUTH (which would
 * tell an attacker whether an account exists). Corbado's {@code verifySignedData} in the verify
 * trigger stays the authority and the single-use check. Every refusal is the same 401.
 */
@ApplicationScoped
public class SignedPasskeyDataVerifier {

    static final int CLOCK_SKEW_SECONDS = 30;
    static final int MAX_LIFETIME_MINUTES = 24 * 60;

    private final Secrets secrets;
    private final FrontendApiKeys keys;

    public SignedPasskeyDataVerifier(Secrets secrets, FrontendApiKeys keys) {
        this.secrets = secrets;
        this.keys = keys;
    }

    public Uni<SignedPasskeyData> verify(SignedPasskeyData data) {
        // Parsed once here; the same parsed JWS is then checked (no second parse of the compact form).
        Optional<JsonWebSignature> jws = rs256(data.raw());
        if (jws.isEmpty() || jws.get().getKeyIdHeaderValue() == null) {
            return Uni.createFrom().failure(ProblemException.passkeyLoginFailed());
        }
        return secrets.get().flatMap(loaded -> {
            String projectId = loaded.corbado().projectId();
            return keys.key(projectId, jws.get().getKeyIdHeaderValue()).map(key -> {
                if (key.isEmpty() || !valid(data.raw(), jws.get(), key.get(), projectId)) {
                    throw ProblemException.passkeyLoginFailed();
                }
                return data;
            });
        });
    }

    /** The JWS when its header says RS256; empty for any other algorithm (none, HS256, …) or an unreadable header. */
    static Optional<JsonWebSignature> rs256(String raw) {
        try {
            JsonWebStructure jws = JsonWebStructure.fromCompactSerialization(raw);
            if (jws instanceof JsonWebSignature signature
                    && AlgorithmIdentifiers.RSA_USING_SHA256.equals(signature.getAlgorithmHeaderValue())) {
                return Optional.of(signature);
            }
        } catch (Exception e) {
            // An unreadable header is a failed login like any other.
        }
        return Optional.empty();
    }

    /** Signature and claims of an already parsed JWS ({@code processContext}: jose4j does not parse it again). */
    static boolean valid(String raw, JsonWebSignature jws, PublicKey key, String projectId) {
        try {
            JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
            new JwtConsumerBuilder()
                    .setVerificationKey(key)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setExpectedIssuer(projectId)
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                    .setMaxFutureValidityInMinutes(MAX_LIFETIME_MINUTES)
                    .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, MAX_LIFETIME_MINUTES * 60)
                    .setSkipDefaultAudienceValidation()
                    .build()
                    .processContext(new JwtContext(raw, claims, List.of(jws)));
            return true;
        } catch (Exception e) {
            // InvalidJwtException, and arithmetic on absurd dates: both mean "not valid data". The
            // exception text carries the claims, so it is never logged.
            return false;
        }
    }
}
