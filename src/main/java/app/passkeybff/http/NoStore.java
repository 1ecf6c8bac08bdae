package app.passkeybff.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code Cache-Control: no-store} and {@code Pragma: no-cache} on every answer of the API port
 * (RFC 6749 section 5.1): Cognito tokens, ConnectToken secrets and client state must never sit in a
 * browser, proxy or CDN cache, and no answer of this service is worth caching. Set when the headers go
 * out, so early answers of filters and Vert.x's own carry them too.
 */
@ApplicationScoped
public class NoStore {

    void register(@Observes Filters filters) {
        filters.register(this::mark, FilterOrder.NO_STORE);
    }

    void mark(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            var headers = context.response().headers();
            if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
                headers.set("Pragma", "no-cache");
            }
        });
        context.next();
    }
}
