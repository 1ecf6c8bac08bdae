package app.passkeybff.http;

import app.passkeybff.problem.ProblemMappers;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request body without {@code Content-Type} is 415, not read as JSON: JAX-RS matches a missing type
 * to any {@code @Consumes}, and a cross-site page can send such a body without a CORS preflight
 * ({@code fetch} with a {@code Blob}), which a declared {@code application/json} always needs.
 */
@ApplicationScoped
public class UndeclaredBody {

    void register(@Observes Filters filters) {
        filters.register(this::check, FilterOrder.UNDECLARED_BODY);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if ((type == null || type.isBlank()) && hasBody(request)) {
            ProblemMappers.write(context, ProblemMappers.unsupportedMediaType());
            return;
        }
        context.next();
    }

    private static boolean hasBody(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.trim().equals("0");
    }
}
