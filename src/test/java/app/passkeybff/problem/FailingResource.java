package app.passkeybff.problem;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test-only (never in the build's application): an endpoint that fails the way a defect would, so that
 * {@link InternalErrorTest} can see what the service answers to an unexpected failure. Hidden from the
 * served contract.
 */
@Path("/test-only/failure")
public class FailingResource {

    static final String INTERNAL_DETAIL = "jdbc:postgresql://db.internal:5432/users?password=hunter2";

    @GET
    @Path("/thrown")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String thrown() {
        throw new IllegalStateException("connection to " + INTERNAL_DETAIL + " refused");
    }

    @GET
    @Path("/failed-uni")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<String> failedUni() {
        return Uni.createFrom().failure(new NullPointerException("Cannot read field of " + INTERNAL_DETAIL));
    }
}
