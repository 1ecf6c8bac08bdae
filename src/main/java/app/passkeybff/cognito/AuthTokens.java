package app.passkeybff.cognito;

/** The tokens Cognito issued at the end of an authentication. */
public record AuthTokens(String idToken, String accessToken, String refreshToken, int expiresIn, String tokenType) {

    @Override
    public String toString() {
        return "AuthTokens[expiresIn=" + expiresIn + ", tokens=***]";
    }
}
