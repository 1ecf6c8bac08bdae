package app.passkeybff.problem;

import java.util.Map;

/**
 * The one exception the service throws for an answer that is not 2xx. Carries everything the
 * problem-details mapper needs, so no code path ever has to build a response by hand.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, String code, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of());
    }

    public static ProblemException invalidRequest(String detail) {
        return new ProblemException(400, "invalid_request", "Invalid request", detail);
    }

    public static ProblemException invalidToken(String detail) {
        return new ProblemException(401, "invalid_token", "Invalid token", detail,
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    /**
     * RFC 9470 step-up: the token is valid but its sign-in is older than {@code maxAgeSeconds}; the client
     * signs the user in again and retries.
     */
    public static ProblemException reauthenticationRequired(long maxAgeSeconds) {
        return new ProblemException(401, "reauthentication_required", "Reauthentication required",
                "Adding or removing a passkey needs a sign-in within the last " + maxAgeSeconds
                        + " seconds: sign in again and retry.",
                Map.of("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", max_age=" + maxAgeSeconds));
    }

    public static ProblemException passkeyLoginFailed() {
        return new ProblemException(401, "passkey_login_failed", "Passkey login failed",
                "The passkey could not be verified for this account.");
    }

    public static ProblemException accountDisabled() {
        return new ProblemException(403, "account_disabled", "Account disabled", "This account is disabled.");
    }

    public static ProblemException rateLimited(long retryAfterSeconds, String detail) {
        return new ProblemException(429, "rate_limited", "Too many requests", detail,
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public static ProblemException upstreamError(String detail) {
        return new ProblemException(502, "upstream_error", "Upstream error", detail);
    }

    public static ProblemException upstreamUnavailable(String detail) {
        return new ProblemException(503, "upstream_unavailable", "Upstream unavailable", detail,
                Map.of("Retry-After", "5"));
    }

    public static ProblemException upstreamTimeout(String detail) {
        return new ProblemException(504, "upstream_timeout", "Upstream timeout", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem() {
        return new Problem(Problem.TYPE_BASE + code, title, status, getMessage(), code);
    }
}
