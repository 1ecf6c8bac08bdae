package app.passkeybff.config;

/** Patterns shared by the {@code @ConfigMapping} constraints. */
public final class Settings {

    /** An absolute http(s) URL with a host: what every upstream endpoint setting must be. */
    public static final String HTTP_URL = "https?://[^\\s/?#@]+(/\\S*)?";

    /** An AWS region name (us-east-1, eu-central-2, us-gov-west-1, cn-north-1). */
    public static final String AWS_REGION = "[a-z]{2,}(-[a-z]+)+-\\d+";

    /** A cookie name: an RFC 6265 token. */
    public static final String COOKIE_NAME = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";

    private Settings() {
    }
}
