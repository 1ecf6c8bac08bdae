package app.passkeybff.auth;

import app.passkeybff.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Optional;

/**
 * The user behind a verified Cognito ID token. Signature, issuer, audience, algorithm and expiry
 * are checked by {@link CachingJwtParser}; what is Cognito-specific is checked here. {@code authTime}
 * is when the user last signed in ({@code auth_time}), empty when the token does not say.
 */
public record IdTokenUser(String username, String displayName, Optional<Instant> authTime) {

    public static IdTokenUser from(JsonWebToken token) {
        if (token == null || token.getRawToken() == null) {
            throw ProblemException.invalidToken("A Cognito ID token is required.");
        }
        if (!"id".equals(token.getClaim("token_use"))) {
            throw ProblemException.invalidToken("The bearer token is not a Cognito ID token.");
        }
        Object username = token.getClaim("cognito:username");
        if (!(username instanceof String name) || name.isBlank()) {
            throw ProblemException.invalidToken("The ID token names no Cognito user.");
        }
        Object email = token.getClaim("email");
        String displayName = email instanceof String e && !e.isBlank() ? e : name;
        Object authTime = token.getClaim("auth_time");
        return new IdTokenUser(name, displayName,
                authTime instanceof Long seconds ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty());
    }
}
