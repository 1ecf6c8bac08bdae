package app.passkeybff.ratelimit;

import app.passkeybff.problem.AllowedMethods;
import app.passkeybff.problem.ProblemException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Set;

/**
 * Per Cognito user ({@code cognito:username}), across {@code /connect-tokens} and
 * {@code /passkey-append-complete}: each call costs a Corbado ConnectToken or a Cognito AdminGetUser (a
 * quota the pre-login webhook shares), so one user, or one stolen ID token, gets
 * {@code rate-limit.user-per-minute} of them, then 429 {@code rate_limited} with {@code Retry-After}.
 * The user is known only once the ID token is verified, so this is a resource filter, not the pre-body
 * edge filter ({@link RateLimitFilter}); it still answers before the body is read. A request without a
 * verified token spends nothing here: it is answered 401.
 */
public class UserRateLimit {

    /** The resources whose calls cost an upstream call per user, as the router matches them. */
    static final Set<String> ROUTES = Set.of("/connect-tokens", "/passkey-append-complete");

    private final RateLimitConfig config;
    private final CurrentIdentityAssociation identity;
    private final TokenBuckets users;

    public UserRateLimit(RateLimitConfig config, CurrentIdentityAssociation identity) {
        this.config = config;
        this.identity = identity;
        this.users = new TokenBuckets(config.userPerMinute(), config.maxClients());
    }

    @ServerRequestFilter
    public Uni<Response> limitPerUser(SimpleResourceInfo resource) {
        if (!config.enabled() || !limited(resource.getResourceClass())) {
            return Uni.createFrom().nullItem();
        }
        // A failed authentication is the security check's to answer (401), not this filter's.
        return identity.getDeferredIdentity().onFailure().recoverWithNull().map(user -> {
            String username = username(user);
            if (username != null) {
                long retryAfter = users.acquire(username, System.nanoTime());
                if (retryAfter != 0) {
                    throw ProblemException.rateLimited(retryAfter, "Too many requests for this user.");
                }
            }
            return null;
        });
    }

    private static String username(SecurityIdentity user) {
        if (user == null || user.isAnonymous() || !(user.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        return token.getClaim("cognito:username") instanceof String name && !name.isBlank() ? name : null;
    }

    private static boolean limited(Class<?> resource) {
        Path path = resource == null ? null : resource.getAnnotation(Path.class);
        return path != null && ROUTES.contains(AllowedMethods.route(path.value()));
    }
}
