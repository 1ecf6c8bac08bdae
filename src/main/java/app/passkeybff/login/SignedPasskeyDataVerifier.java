package app.passkeybff.login;

import app.passkeybff.corbado.FrontendApiKeys;
import app.passkeybff.lambda.corbado.SignedPasskeyDataCheck;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.secrets.Secrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

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

    /** The Corbado project id, from the secrets once loaded. */
    private final Supplier<Uni<String>> projectId;
    /** The key of Corbado's Frontend API key set named by (project id, kid), or empty. */
    private final BiFunction<String, String, Uni<Optional<PublicKey>>> keys;
    private final Clock clock;

    @Inject
    public SignedPasskeyDataVerifier(Secrets secrets, FrontendApiKeys keys) {
        this(() -> secrets.get().map(loaded -> loaded.corbado().projectId()), keys::key, Clock.systemUTC());
    }

    /** For unit tests: the project id, the key set and the time as inputs. */
    SignedPasskeyDataVerifier(Supplier<Uni<String>> projectId, BiFunction<String, String, Uni<Optional<PublicKey>>> keys,
                              Clock clock) {
        this.projectId = projectId;
        this.keys = keys;
        this.clock = clock;
    }

    public Uni<SignedPasskeyData> verify(SignedPasskeyData data) {
        // The algorithm is read before any key is looked up: none, HS256 and the like never get that far.
        Optional<String> kid = SignedPasskeyDataCheck.rs256KeyId(data.raw());
        if (kid.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.passkeyLoginFailed());
        }
        return projectId.get().flatMap(project -> keys.apply(project, kid.get()).map(key -> {
            if (key.isEmpty() || !(key.get() instanceof RSAPublicKey rsa)
                    || !SignedPasskeyDataCheck.valid(data.raw(), rsa, project, clock)) {
                throw ProblemException.passkeyLoginFailed();
            }
            return data;
        }));
    }
}
