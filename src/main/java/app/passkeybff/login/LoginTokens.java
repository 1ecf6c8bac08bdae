package app.passkeybff.login;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Cognito's tokens after a passkey login. */
@Schema(name = "LoginTokens")
public record LoginTokens(
        @Schema(required = true, description = "Cognito ID token (JWT).") String idToken,
        @Schema(required = true, description = "Cognito access token (JWT).") String accessToken,
        @Schema(required = true, description = "Cognito refresh token.") String refreshToken,
        @Schema(required = true, description = "Lifetime of the ID and access tokens in seconds.", example = "3600") int expiresIn,
        @Schema(required = true, enumeration = "Bearer") String tokenType) {

    @Override
    public String toString() {
        return "LoginTokens[expiresIn=" + expiresIn + ", tokens=***]";
    }
}
