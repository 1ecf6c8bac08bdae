package app.passkeybff.config;

/** A cookie name (an RFC 6265 token). */
public class CookieName extends MatchingString {

    public CookieName() {
        super(Settings.COOKIE_NAME, "a cookie name (letters, digits, -_.!#$%&'*+^`|~)");
    }
}
