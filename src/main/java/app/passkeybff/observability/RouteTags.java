package app.passkeybff.observability;

import app.passkeybff.problem.AllowedMethods;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.vertx.core.http.impl.HttpUtils;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code uri} tag of the HTTP server metrics names a route of this service or a fixed value, never a
 * client's spelling. Quarkus tags a request with its resource's template once RESTEasy matched it, but an
 * answer written before that (the rate limit's 429, the webhooks' 401, 413, 415, a reset connection)
 * carries the raw path: any stranger could mint a new series per request until Micrometer's cap (100)
 * stops adding them, and from then on real series, later 429s of {@code /passkey-login} among them, were
 * dropped. Here a raw path becomes the route the router would match (the rate limiter's reading:
 * {@link HttpUtils#normalizePath}, the function behind {@code RoutingContext.normalizedPath()}, then
 * {@link AllowedMethods#route}) when that is one of the service's resources, else {@value #UNMATCHED}.
 * A meter filter, so every HTTP server meter, whatever wrote it, goes through it before Micrometer
 * counts tag values.
 */
public class RouteTags {

    public static final String UNMATCHED = "UNMATCHED";
    /** Values Quarkus itself uses for paths it did not match; already bounded. */
    private static final Set<String> FIXED = Set.of("NOT_FOUND", "REDIRECTION", "root", "UNKNOWN", "/cors-preflight", UNMATCHED);

    @Produces
    @Singleton
    MeterFilter routeTags(AllowedMethods routes) {
        return filter(routes::isRoute);
    }

    static MeterFilter filter(Predicate<String> isRoute) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (!id.getName().startsWith("http.server.") || uri == null || FIXED.contains(uri) || isRoute.test(uri)) {
                    return id;
                }
                List<Tag> tags = new ArrayList<>();
                for (Tag tag : id.getTagsAsIterable()) {
                    tags.add(tag.getKey().equals("uri") ? Tag.of("uri", bounded(uri, isRoute)) : tag);
                }
                return id.replaceTags(tags);
            }
        };
    }

    static String bounded(String uri, Predicate<String> isRoute) {
        try {
            String route = AllowedMethods.route(HttpUtils.normalizePath(uri));
            return isRoute.test(route) ? route : UNMATCHED;
        } catch (RuntimeException unreadable) {
            return UNMATCHED;
        }
    }
}
