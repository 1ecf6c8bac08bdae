package floor;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** The one endpoint of the floor application: JSON in, JSON out, nothing on the way. */
@Path("/echo")
public class Echo {

    public record Request(String type) {
    }

    public record Response(String type) {
    }

    @POST
    public Response echo(Request request) {
        return new Response(request.type());
    }
}
