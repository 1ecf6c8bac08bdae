package app.passkeybff.local;

import app.passkeybff.cognito.CognitoConfig;
import app.passkeybff.corbado.CorbadoConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What a developer (the README's examples) or the demo SPA's dev server needs to talk to the local
 * stack, read from the running configuration and the emulator's SSM so it can never disagree with
 * them: the app client id, the emulator's endpoint, the seeded Corbado project id (public in
 * production too: frontends send it). No secret: the Corbado API secret and the actions secret stay
 * in SSM. Dev and test builds only.
 */
@Path("/local/dev-environment")
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalDevEnvironmentResource {

    /** The answer; the demo user is the one {@link LocalAws#seed()} creates. */
    public record DevEnvironment(String cognitoEndpoint, String userPoolId, String clientId, String corbadoProjectId,
                                 String corbadoFrontendApiUrl, String demoEmail, String demoPassword) {
    }

    private final CognitoConfig cognito;
    private final CorbadoConfig corbado;
    private final LocalCorbado localCorbado;

    public LocalDevEnvironmentResource(CognitoConfig cognito, CorbadoConfig corbado, LocalCorbado localCorbado) {
        this.cognito = cognito;
        this.corbado = corbado;
        this.localCorbado = localCorbado;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<DevEnvironment> get() {
        return localCorbado.project().map(project -> new DevEnvironment(cognito.endpoint().orElse(null),
                cognito.userPoolId(), cognito.clientId(), project.projectId(), corbado.frontendApiUrl().orElse(null),
                LocalAws.DEMO_EMAIL, LocalAws.DEMO_PASSWORD));
    }
}
