package app.passkeybff.ratelimit;

import app.passkeybff.problem.AllowedMethods;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.ProblemMappers;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * The rate limit's safety net: a request that reached a limited resource (login, the webhooks)
 * without {@link RateLimitFilter} having recognised its route took a spelling of the path the filter
 * does not know. It is refused as not found rather than served unlimited.
 */
public class LimitedRouteGuard {

    private final RateLimitConfig config;

    public LimitedRouteGuard(RateLimitConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response requireLimited(SimpleResourceInfo resource, RoutingContext context) {
        if (!config.enabled() || context.get(RateLimitFilter.LIMITED) != null || !limited(resource.getResourceClass())) {
            return null;
        }
        return ProblemMappers.toResponse(new ProblemException(404, "not_found", "Not found", "No such resource."));
    }

    private static boolean limited(Class<?> resource) {
        Path path = resource == null ? null : resource.getAnnotation(Path.class);
        if (path == null) {
            return false;
        }
        String route = AllowedMethods.route(path.value());
        return route.equals("/passkey-login") || route.equals("/actions");
    }
}
