package app.passkeybff.local;

import app.passkeybff.corbado.CorbadoError;
import app.passkeybff.secrets.CorbadoCredentials;
import app.passkeybff.secrets.Secrets;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * State of the local Corbado Backend API stub: the project it serves (the credentials seeded into
 * the local SSM), and a record of what it was asked, so tests can check what the service sent.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalCorbado {

    /** One ConnectToken request as the stub understood it. */
    public record ConnectTokenCall(String projectId, boolean authorized, String type, String identifier,
                                   String displayName) {
    }

    private static final int RECORD_LIMIT = 1000;
    private final SecureRandom random = new SecureRandom();
    private final Secrets secrets;
    private final ConcurrentLinkedDeque<ConnectTokenCall> connectTokenCalls = new ConcurrentLinkedDeque<>();

    public LocalCorbado(Secrets secrets) {
        this.secrets = secrets;
    }

    /** The project's credentials: the local SSM is where this "Corbado project" keeps them. */
    Uni<CorbadoCredentials> project() {
        return secrets.get().map(Secrets.Loaded::corbado);
    }

    /** Constant-time check of a Basic header against the project's credentials. */
    static boolean authorized(String header, CorbadoCredentials project) {
        byte[] expected = project.basicAuthorization().getBytes(StandardCharsets.UTF_8);
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    static String projectIdOf(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    void record(ConnectTokenCall call) {
        connectTokenCalls.addLast(call);
        while (connectTokenCalls.size() > RECORD_LIMIT) {
            connectTokenCalls.pollFirst();
        }
    }

    public List<ConnectTokenCall> connectTokenCalls() {
        return List.copyOf(connectTokenCalls);
    }

    public ConnectTokenCall lastConnectTokenCall() {
        return connectTokenCalls.peekLast();
    }

    String randomId(String prefix, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return prefix + HexFormat.of().formatHex(value);
    }

    CorbadoError error(int status, String type, String message, List<CorbadoError.Validation> validation) {
        String requestId = randomId("req-", 8);
        return new CorbadoError(status, message,
                new CorbadoError.RequestData(requestId, "https://app.corbado.com/requests/" + requestId), 0.002,
                new CorbadoError.Error(type, message, validation, List.of()));
    }
}
