package app.passkeybff.ratelimit;

import app.passkeybff.actions.ActionsResource;
import app.passkeybff.clientstate.ClientStateResource;
import app.passkeybff.connecttoken.ConnectTokenResource;
import app.passkeybff.login.PasskeyLoginResource;
import app.passkeybff.problem.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The rate limit's safety net on its own: {@link RateLimitFilter} recognises every spelling of a limited
 * route the router knows today (RateLimitTest#limitsEverySpellingOfTheLoginRoute), so over HTTP the guard
 * never gets to act. Here it meets requests the filter did not mark, as a spelling it missed would arrive.
 * Collaborators are hand-made: only what the guard reads answers.
 */
class LimitedRouteGuardTest {

    private static <T> T only(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                return answer;
            }
            throw new UnsupportedOperationException(called.getName() + " is not what the guard should read");
        }));
    }

    private static RateLimitConfig rateLimits(boolean enabled) {
        return only(RateLimitConfig.class, "enabled", enabled);
    }

    /** A request's routing context, marked by the filter or not. */
    private static RoutingContext request(boolean limitedByTheFilter) {
        return (RoutingContext) Proxy.newProxyInstance(RoutingContext.class.getClassLoader(), new Class<?>[]{RoutingContext.class},
                (proxy, called, args) -> {
                    if (called.getName().equals("get") && args.length == 1 && RateLimitFilter.LIMITED.equals(args[0])) {
                        return limitedByTheFilter ? "/passkey-login" : null;
                    }
                    throw new UnsupportedOperationException(called.getName());
                });
    }

    private static SimpleResourceInfo resource(Class<?> type) {
        return only(SimpleResourceInfo.class, "getResourceClass", type);
    }

    @Test
    void refusesALimitedResourceReachedWithoutTheLimit() {
        for (Class<?> limited : new Class<?>[]{PasskeyLoginResource.class, ActionsResource.class}) {
            Response answer = new LimitedRouteGuard(rateLimits(true)).requireLimited(resource(limited), request(false));
            assertEquals(404, answer.getStatus(), limited.getSimpleName());
            assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
            assertEquals("not_found", ((Problem) answer.getEntity()).code());
        }
    }

    @Test
    void letsThroughWhatTheFilterLimited() {
        LimitedRouteGuard guard = new LimitedRouteGuard(rateLimits(true));
        assertNull(guard.requireLimited(resource(PasskeyLoginResource.class), request(true)));
        assertNull(guard.requireLimited(resource(ActionsResource.class), request(true)));
    }

    @Test
    void leavesResourcesWithoutALimitAlone() {
        LimitedRouteGuard guard = new LimitedRouteGuard(rateLimits(true));
        for (Class<?> free : new Class<?>[]{ConnectTokenResource.class, ClientStateResource.class, String.class}) {
            assertNull(guard.requireLimited(resource(free), request(false)), free.getSimpleName());
        }
        assertNull(guard.requireLimited(resource(null), request(false)));
    }

    @Test
    void standsAsideWhenRateLimitingIsOff() {
        LimitedRouteGuard guard = new LimitedRouteGuard(rateLimits(false));
        assertNull(guard.requireLimited(resource(PasskeyLoginResource.class), request(false)));
    }
}
