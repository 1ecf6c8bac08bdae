package app.passkeybff.login;

import app.passkeybff.corbado.FrontendApiKeys;
import app.passkeybff.lambda.corbado.SignedPasskeyDataCheck;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.secrets.Secrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Checks signedPasskeyData before Cognito sees it, without spending it ({@link SignedPasskeyDataCheck},
 * the same check the verify trigger makes before it calls Corbado): an RS256 signature by a key of
 * Corbado's Frontend API key set, {@code iss} = the Corbado project id, {@code exp}/{@code nbf} with
 * 30 s skew, and sane dates. Forged data thus never starts a CUSTOM_AUTH (which would tell an attacker
 * whether an account exists). Corbado's {@code verifySignedData} in the verify trigger stays the
 * authority and the single-use check. Every refusal is the same 401.
 */
@ApplicationScoped
public class SignedPasskeyDataVerifier {

    static final int CLOCK_SKEW_SECONDS = SignedPasskeyDataCheck.CLOCK_SKEW_SECONDS;

    private final Secrets secrets;
    private final FrontendApiKeys keys;
    private final Clock clock = Clock.systemUTC();

    public SignedPasskeyDataVerifier(Secrets secrets, FrontendApiKeys keys) {
        this.secrets = secrets;
        this.keys = keys;
    }

    public Uni<SignedPasskeyData> verify(SignedPasskeyData data) {
        // The algorithm is read before any key is looked up: none, HS256 and the like never get that far.
        Optional<String> kid = SignedPasskeyDataCheck.rs256KeyId(data.raw());
        if (kid.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.passkeyLoginFailed());
        }
        return secrets.get().flatMap(loaded -> {
            String projectId = loaded.corbado().projectId();
            return keys.key(projectId, kid.get()).map(key -> {
                if (key.isEmpty() || !(key.get() instanceof RSAPublicKey rsa)
                        || !SignedPasskeyDataCheck.valid(data.raw(), rsa, projectId, clock)) {
                    throw ProblemException.passkeyLoginFailed();
                }
                return data;
            });
        });
    }
}
