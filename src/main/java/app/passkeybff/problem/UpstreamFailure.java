package app.passkeybff.problem;

/**
 * A problem caused by an upstream being down, slow or broken. Circuit breakers count exactly these;
 * an upstream's well-formed "no" (a 4xx) is a plain {@link ProblemException} and never opens one.
 */
public class UpstreamFailure extends ProblemException {

    private UpstreamFailure(ProblemException problem) {
        super(problem.status(), problem.code(), problem.title(), problem.getMessage(), problem.headers());
    }

    public static UpstreamFailure error(String detail) {
        return new UpstreamFailure(upstreamError(detail));
    }

    public static UpstreamFailure unavailable(String detail) {
        return new UpstreamFailure(upstreamUnavailable(detail));
    }

    public static UpstreamFailure timeout(String detail) {
        return new UpstreamFailure(upstreamTimeout(detail));
    }
}
