package app.passkeybff.corbado;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Corbado Backend API as the BFF calls it. Only {@link Corbado} uses this interface. */
@RegisterRestClient(configKey = "corbado")
@Path("/v2")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface CorbadoApi {

    @POST
    @Path("/connectTokens")
    Uni<CorbadoConnectToken> createConnectToken(@HeaderParam("Authorization") String authorization,
                                                CorbadoConnectTokenRequest request);
}
