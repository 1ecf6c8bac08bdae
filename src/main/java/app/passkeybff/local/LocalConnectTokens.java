package app.passkeybff.local;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ConnectTokens the local Corbado stub issued, so the Frontend API stand-in can tell which user
 * and which operation a token the SPA presents was made for. A {@code passkey-append} token is good
 * for one ceremony; list and delete tokens until they expire.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalConnectTokens {

    /** What a ConnectToken secret stands for: the Cognito username the service named in it. */
    public record Issued(String type, String identifier, String displayName, Instant expiresAt) {
    }

    private static final int LIMIT = 10_000;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    void issue(String secret, Issued token) {
        if (issued.size() >= LIMIT) {
            Instant now = Instant.now();
            issued.values().removeIf(t -> t.expiresAt().isBefore(now));
        }
        issued.put(secret, token);
    }

    /** The unexpired token of that type; a passkey-append token is consumed by this call. */
    public Optional<Issued> redeem(String secret, String type) {
        if (secret == null) {
            return Optional.empty();
        }
        Issued token = issued.get(secret);
        if (token == null || !token.type().equals(type) || token.expiresAt().isBefore(Instant.now())) {
            return Optional.empty();
        }
        if ("passkey-append".equals(type) && !issued.remove(secret, token)) {
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
