package app.passkeybff.ratelimit;

import app.passkeybff.actions.ActionsSecretCheck;
import app.passkeybff.http.FilterOrder;
import app.passkeybff.problem.AllowedMethods;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.ProblemMappers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Optional;

/**
 * Per-client limits on {@code POST /passkey-login} (each one costs two Cognito calls and a Corbado
 * verification) and on the action webhooks; past the limit, 429 {@code rate_limited} with
 * {@code Retry-After}, before any body is read or any work is done.
 *
 * <p>The route is the one the request will reach, not its spelling: {@code /passkey-login/},
 * {@code //passkey-login} and {@code /passkey-login;x} reach the same resource and spend the same
 * bucket ({@link LimitedRouteGuard} refuses any spelling this misses). Webhooks check the bearer
 * secret first: Corbado's calls spend one bucket of their own, and strangers' guesses spend a bucket
 * per address, so guessing cannot lock Corbado out.
 */
@ApplicationScoped
public class RateLimitFilter {

    /** Routing-context key set once a request's route was limited; read by {@link LimitedRouteGuard}. */
    static final String LIMITED = "passkey-bff.rate-limited";
    /** The one authenticated webhook caller: whoever holds the actions secret (Corbado). */
    private static final String ACTIONS_CALLER = "actions-secret-holder";

    private final RateLimitConfig config;
    private final ActionsSecretCheck actionsSecret;
    private final TrustedProxies trustedProxies;
    private final Limiter login;
    private final Limiter actionsCaller;
    private final Limiter actionsStrangers;

    public RateLimitFilter(RateLimitConfig config, ActionsSecretCheck actionsSecret, MeterRegistry registry) {
        this.config = config;
        this.actionsSecret = actionsSecret;
        this.trustedProxies = TrustedProxies.parse(config.trustedProxies().orElse(List.of()));
        this.login = new Limiter("login", config.loginPerMinute(), config.maxClients(), registry);
        this.actionsCaller = new Limiter("actions", config.actionsPerMinute(), 1, registry);
        // Wrong or missing secrets: expected to be refused, apart from the caller's so alerts can ignore them.
        this.actionsStrangers = new Limiter("actions_unauthenticated", config.actionsPerMinute(), config.maxClients(), registry);
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::limit, FilterOrder.RATE_LIMIT);
        }
    }

    void limit(RoutingContext context) {
        String route = AllowedMethods.route(context.normalizedPath());
        if (route.equals("/passkey-login")) {
            context.put(LIMITED, route);
            spend(context, login, client(context));
        } else if (route.startsWith("/actions/")) {
            context.put(LIMITED, route);
            webhook(context);
        } else {
            context.next();
        }
    }

    private void webhook(RoutingContext context) {
        Optional<Boolean> authenticated = actionsSecret.verdict(context.request().getHeader("Authorization"));
        if (authenticated.orElse(false)) {
            spend(context, actionsCaller, ACTIONS_CALLER);
            return;
        }
        long retryAfter = actionsStrangers.acquire(client(context), System.nanoTime());
        if (retryAfter != 0) {
            ProblemMappers.write(context, ProblemException.rateLimited(retryAfter, "Too many requests from this client."));
        } else if (authenticated.isPresent()) {
            // Wrong secret: answered here, before the body is read.
            ProblemMappers.write(context, ProblemException.invalidToken("The actions secret is missing or wrong."));
        } else {
            context.next(); // Secrets not loaded: the resource answers 503.
        }
    }

    private static void spend(RoutingContext context, Limiter limiter, String key) {
        long retryAfter = limiter.acquire(key, System.nanoTime());
        if (retryAfter == 0) {
            context.next();
            return;
        }
        ProblemMappers.write(context, ProblemException.rateLimited(retryAfter, "Too many requests from this client."));
    }

    private String client(RoutingContext context) {
        SocketAddress remote = context.request().remoteAddress();
        String peer = remote == null ? "unknown" : remote.hostAddress();
        // Every header line, in order: a proxy may add its own line after the client's instead of appending.
        List<String> forwardedFor = context.request().headers().getAll("X-Forwarded-For");
        return ClientAddress.resolve(peer, forwardedFor.isEmpty() ? null : String.join(",", forwardedFor), trustedProxies);
    }
}
