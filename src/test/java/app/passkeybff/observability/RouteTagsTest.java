package app.passkeybff.observability;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every HTTP server meter's {@code uri}, whatever wrote it (an early answer, a connection reset before
 * any answer), is a route or a fixed value: checked on the filter itself, with a registry of its own.
 */
class RouteTagsTest {

    private static final Predicate<String> ROUTES = Set.of("/passkey-login", "/actions/pre-login")::contains;

    @Test
    void mapsEverySpellingToItsRouteAndEverythingElseToUnmatched() {
        assertEquals("/passkey-login", RouteTags.bounded("/passkey-login;x=1", ROUTES));
        assertEquals("/passkey-login", RouteTags.bounded("/passkey-%6Cogin", ROUTES));
        assertEquals("/passkey-login", RouteTags.bounded("/./passkey-login/", ROUTES));
        assertEquals("/actions/pre-login", RouteTags.bounded("/actions;a/pre-login;b", ROUTES));
        assertEquals(RouteTags.UNMATCHED, RouteTags.bounded("/no-such-path-7", ROUTES));
        assertEquals(RouteTags.UNMATCHED, RouteTags.bounded("/%zz", ROUTES));
    }

    @Test
    void resetRequestsWithRawPathsStayBoundedToo() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(RouteTags.filter(ROUTES));
        for (int i = 0; i < 500; i++) {
            // What Quarkus records for a connection reset before the answer: the raw path, status RESET.
            Timer.builder("http.server.requests").tags("uri", "/passkey-login;r=" + i, "status", "RESET").register(registry);
            Timer.builder("http.server.requests").tags("uri", "/random-" + i, "status", "413").register(registry);
        }
        Timer.builder("http.server.requests").tags("uri", "NOT_FOUND", "status", "404").register(registry);
        Set<String> uris = registry.find("http.server.requests").timers().stream()
                .map(timer -> timer.getId().getTag("uri")).collect(Collectors.toSet());
        assertEquals(Set.of("/passkey-login", RouteTags.UNMATCHED, "NOT_FOUND"), uris);
    }
}
