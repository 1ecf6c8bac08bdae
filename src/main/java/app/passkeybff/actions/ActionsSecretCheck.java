package app.passkeybff.actions;

import app.passkeybff.problem.ProblemException;
import app.passkeybff.secrets.Secrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The webhooks' bearer secret from SSM, compared in constant time (digests, so length leaks nothing).
 * A request filter, so it runs before the body is read and validated: without the secret a caller
 * learns nothing about the body, and gets 401 whatever it sent.
 */
@ApplicationScoped
public class ActionsSecretCheck {

    private final Secrets secrets;

    public ActionsSecretCheck(Secrets secrets) {
        this.secrets = secrets;
    }

    @ServerRequestFilter
    public Uni<Response> requireSecret(SimpleResourceInfo resource, HttpHeaders headers) {
        if (resource.getResourceClass() != ActionsResource.class) {
            return Uni.createFrom().nullItem();
        }
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        return secrets.get().map(loaded -> {
            if (!matches(authorization, loaded)) {
                throw ProblemException.invalidToken("The actions secret is missing or wrong.");
            }
            return null;
        });
    }

    /**
     * The same check without waiting, for the edge filter that must tell Corbado from strangers before
     * it reads a body or spends a bucket; empty while the secrets are not loaded.
     */
    public Optional<Boolean> verdict(String authorization) {
        return secrets.current().map(loaded -> matches(authorization, loaded));
    }

    private static boolean matches(String authorization, Secrets.Loaded loaded) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
        // A parameter written with `aws ssm put-parameter --value "$(cat file)"` or from an editor often
        // ends in a newline that no HTTP header can carry: the secret is the value without surrounding whitespace.
        String expected = loaded.actionsSecret().strip();
        return !expected.isEmpty() && MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
