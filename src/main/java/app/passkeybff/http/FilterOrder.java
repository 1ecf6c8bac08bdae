package app.passkeybff.http;

/**
 * Priorities of the Vert.x route filters, in one place because their order is the HTTP edge's
 * contract: a higher number runs first. The two that only watch responses (connection hygiene after
 * early answers, no-store) come first so they see every answer; then the request id, so every early
 * answer carries it; the rate limit answers before any body is read or any work is done; the body
 * limit last, since a client over its rate should not learn the body limit.
 */
public final class FilterOrder {

    /** {@link EarlyAnswers}: watches every response, so it must see every request. */
    public static final int EARLY_ANSWERS = 3000;
    /** {@link NoStore}: no answer may be cached. */
    public static final int NO_STORE = 2900;
    /** {@link RequestLog}: request id and access line. */
    public static final int REQUEST_LOG = 2000;
    /** {@link RequestFraming}: ambiguous Transfer-Encoding, before anything reads a body. */
    public static final int REQUEST_FRAMING = 1750;
    /** {@code app.passkeybff.ratelimit.RateLimitFilter}. */
    public static final int RATE_LIMIT = 1500;
    /** {@link UndeclaredBody}: 415 for a body without Content-Type. */
    public static final int UNDECLARED_BODY = 1300;
    /** {@link BodyDeadline}: 408 for a body that stops arriving. */
    public static final int BODY_DEADLINE = 1250;
    /** {@link BodyLimit}: announced bodies over the limit. */
    public static final int BODY_LIMIT = 1000;

    private FilterOrder() {
    }
}
