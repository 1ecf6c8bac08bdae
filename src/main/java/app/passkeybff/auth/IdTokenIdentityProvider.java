package app.passkeybff.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the bearer that quarkus-smallrye-jwt's mechanism extracted into the request's identity, in place
 * of smallrye's {@code MpJwtValidator}, which calls the parser synchronously on the event loop and so
 * would have to block whenever the pool's key set must be fetched first. Here a token whose key is held
 * is verified at once (or served from {@link CachingJwtParser}'s cache); one that needs the key set
 * fetched waits for that fetch as a {@link Uni}, and the event loop serves other requests meanwhile.
 *
 * <p>Quarkus asks identity providers in descending {@link #priority()} and stops at the first that
 * answers (an identity or a failure): above {@code MpJwtValidator}'s default, this one always answers
 * for a {@link JsonWebTokenCredential}, so smallrye's is never reached. The identity is built exactly as
 * {@code MpJwtValidator} builds it (principal = the token, so the injected {@link JsonWebToken} and
 * {@code @Authenticated} work unchanged; roles from {@code groups}); a refusal is the same
 * {@link AuthenticationFailedException}, answered 401 {@code invalid_token}.
 */
@ApplicationScoped
public class IdTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Above {@code MpJwtValidator}'s (the default, {@code SYSTEM_FIRST + 1}). */
    static final int PRIORITY = SYSTEM_FIRST + 100;

    private final CachingJwtParser parser;

    public IdTokenIdentityProvider(CachingJwtParser parser) {
        this.parser = parser;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof JsonWebTokenCredential)) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null && routingContext.request().headers().getAll("Authorization").size() > 1) {
            // The mechanism read one of them; a proxy in front may have judged the other: refuse both.
            return Uni.createFrom().failure(new AuthenticationFailedException("more than one Authorization header"));
        }
        String token = request.getToken().getToken();
        try {
            return Uni.createFrom().item(identity(request, parser.verifyHeld(token)));
        } catch (ParseException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e));
        } catch (PoolKeys.FetchFirst pending) {
            return parser.verifyAfterFetch(token)
                    .onItemOrFailure().transformToUni((jwt, failure) -> failure == null
                            ? Uni.createFrom().item(identity(request, jwt))
                            : Uni.createFrom().failure(new AuthenticationFailedException(failure)));
        }
    }

    private static SecurityIdentity identity(TokenAuthenticationRequest request, JsonWebToken jwt) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder().setPrincipal(jwt)
                .addCredential(request.getToken())
                .addRoles(jwt.getGroups())
                .addAttribute(SecurityIdentity.USER_ATTRIBUTE, jwt);
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            builder.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        return builder.build();
    }
}
