package app.passkeybff.local;

import app.passkeybff.cognito.CognitoConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * {@code ./mvnw quarkus:dev} starts everything it needs: the local Cognito/SSM emulator, seeded with
 * a pool, an app client, a demo user and the SSM parameters (the Corbado project id is
 * {@code LOCAL_CORBADO_PROJECT_ID}, so a frontend can be configured with it). The Corbado stub, its
 * Frontend API stand-in and the trigger host are served by this process. Only in the dev build profile.
 * <p>
 * The pool and app client get exactly the ids the running configuration names ({@code %dev.cognito.*}):
 * the seed asks the emulator for them, so no recorded value can drift from what the emulator creates.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevEnvironment {

    private static final Logger LOG = Logger.getLogger(DevEnvironment.class);
    /** The environment variable that moves the emulator ({@code %dev.local.moto-port}). */
    static final String PORT_VARIABLE = "LOCAL_AWS_PORT";

    private final int motoPort;
    private final int httpPort;
    private final String poolId;
    private final String clientId;
    private final String projectId;
    private LocalAws aws;

    public DevEnvironment(@ConfigProperty(name = "local.moto-port") int motoPort,
                          @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort,
                          @ConfigProperty(name = "local.corbado-project-id") String projectId,
                          CognitoConfig cognito) {
        this.projectId = projectId;
        this.motoPort = motoPort;
        this.httpPort = httpPort;
        this.poolId = cognito.userPoolId();
        this.clientId = cognito.clientId();
    }

    // Before the secrets are first read (priority 2000).
    void onStart(@Observes @Priority(100) StartupEvent event) {
        try {
            LocalAws.requireFreePort(motoPort, PORT_VARIABLE);
        } catch (IllegalStateException e) {
            // One line, and quarkus:dev ends: dev mode would print a stack trace and then wait for a code
            // change, which cannot help while another program holds the port.
            LOG.error(e.getMessage());
            Runtime.getRuntime().halt(1);
        }
        aws = LocalAws.start(Path.of("src/emulator/local_aws.py"), motoPort, "http://127.0.0.1:" + httpPort,
                Path.of("target/local-aws.log"));
        LocalAws.Seed seed = aws.seed(poolId, clientId, projectId);
        LOG.infof("Local AWS ready at %s: user pool %s, app client %s, demo user %s / %s, Corbado project %s (GET /local/dev-environment)",
                aws.endpoint(), seed.userPoolId(), seed.clientId(), LocalAws.DEMO_EMAIL, LocalAws.DEMO_PASSWORD,
                seed.corbadoProjectId());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (aws != null) {
            aws.close();
        }
    }
}
