package app.passkeybff.config;

/** An absolute http(s) URL with a host, for upstream endpoints. */
public class HttpUrl extends MatchingString {

    public HttpUrl() {
        super(Settings.HTTP_URL, "an http(s) URL");
    }
}
