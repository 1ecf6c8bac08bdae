package app.passkeybff.ratelimit;

import app.passkeybff.http.FilterOrder;
import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.ProblemMappers;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HashSet;
import java.util.Set;

/**
 * Per-client limits on {@code POST /passkey-login} (each one costs two Cognito calls and a Corbado
 * verification) and on the action webhooks; past the limit, 429 {@code rate_limited} with
 * {@code Retry-After}, before any work is done.
 */
@ApplicationScoped
public class RateLimitFilter {

    private final RateLimitConfig config;
    private final Set<String> trustedProxies;
    private final TokenBuckets login;
    private final TokenBuckets actions;

    public RateLimitFilter(RateLimitConfig config) {
        this.config = config;
        this.trustedProxies = new HashSet<>(config.trustedProxies().orElse(java.util.List.of()));
        this.login = new TokenBuckets(config.loginPerMinute(), config.maxClients());
        this.actions = new TokenBuckets(config.actionsPerMinute(), config.maxClients());
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::limit, FilterOrder.RATE_LIMIT);
        }
    }

    void limit(RoutingContext context) {
        String path = context.normalizedPath();
        TokenBuckets buckets = path.equals("/passkey-login") ? login : path.startsWith("/actions/") ? actions : null;
        if (buckets == null) {
            context.next();
            return;
        }
        SocketAddress remote = context.request().remoteAddress();
        String peer = remote == null ? "unknown" : remote.hostAddress();
        String client = ClientAddress.resolve(peer, context.request().getHeader("X-Forwarded-For"), trustedProxies);
        long retryAfter = buckets.acquire(client, System.nanoTime());
        if (retryAfter == 0) {
            context.next();
            return;
        }
        ProblemMappers.write(context, ProblemException.rateLimited(retryAfter, "Too many requests from this client."));
    }
}
