package app.passkeybff.actions;

import app.passkeybff.problem.ProblemException;
import app.passkeybff.secrets.Secrets;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The webhooks' bearer secret from SSM, compared in constant time (digests, so length leaks nothing).
 * A request filter, so it runs before the body is read and validated: without the secret a caller
 * learns nothing about the body, and gets 401 whatever it sent.
 */
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
            String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).trim() : "";
            if (!MessageDigest.isEqual(sha256(presented), sha256(loaded.actionsSecret()))) {
                throw ProblemException.invalidToken("The actions secret is missing or wrong.");
            }
            return null;
        });
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
