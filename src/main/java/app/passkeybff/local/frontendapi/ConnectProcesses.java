package app.passkeybff.local.frontendapi;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connect processes the init operations hand out. web-core keeps the process id in localStorage
 * until it expires and sends it as {@code x-corbado-process-id} with every later call; the stand-in
 * binds each WebAuthn challenge to it. A process id from an earlier run of the service is not refused
 * (a browser's cached process outlives {@code quarkus:dev} restarts), only {@code process/clear} tells
 * known from unknown.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class ConnectProcesses {

    public record Process(String id, Instant expiresAt) {
    }

    private static final int LIMIT = 10_000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Process> open = new ConcurrentHashMap<>();
    private final FrontendApiConfig config;

    public ConnectProcesses(FrontendApiConfig config) {
        this.config = config;
    }

    /** Continues the process the browser names, or opens a new one. */
    public Process open(String existingId) {
        if (open.size() >= LIMIT) {
            Instant now = Instant.now();
            open.values().removeIf(p -> p.expiresAt().isBefore(now));
        }
        byte[] id = new byte[12];
        random.nextBytes(id);
        String name = existingId == null || existingId.isBlank() ? "pro-" + HexFormat.of().formatHex(id) : existingId;
        Process process = new Process(name, Instant.now().plus(config.processLifetime()));
        open.put(name, process);
        return process;
    }

    /** Forgets a process; false when it was not open. */
    public boolean clear(String id) {
        return id != null && open.remove(id) != null;
    }
}
