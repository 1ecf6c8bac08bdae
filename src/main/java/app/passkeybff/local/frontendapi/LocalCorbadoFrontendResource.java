package app.passkeybff.local.frontendapi;

import app.passkeybff.local.LocalCorbado;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The local stand-in for Corbado's Frontend API ({@code https://{projectId}.frontendapi.cloud.corbado.io}):
 * the key set that signs signedPasskeyData. Dev and test builds only, like the rest of the stub;
 * {@code corbado.frontend-api-url} points here in those profiles.
 */
@Path("/local/corbado-frontend")
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalCorbadoFrontendResource {

    private final LocalCorbado corbado;

    public LocalCorbadoFrontendResource(LocalCorbado corbado) {
        this.corbado = corbado;
    }

    @GET
    @Path("/.well-known/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String keySet() {
        return corbado.keySetJson();
    }
}
