package app.passkeybff.auth;

import app.passkeybff.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The user behind a verified Cognito ID token. Signature, issuer, audience, algorithm and expiry
 * are checked by {@link CachingJwtParser}; what is Cognito-specific is checked here.
 */
public record IdTokenUser(String username, String displayName) {

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
        return new IdTokenUser(name, displayName);
    }
}
