package app.passkeybff.http;

import io.opentelemetry.api.trace.Span;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One access line per request, with a request id: the caller's {@code X-Request-Id} when it is a
 * plain token, else a new one; echoed in the response and set in the MDC for every line the request
 * logs, and as {@code request.id} on the request's span when tracing is on (so a trace is found from
 * an answer's {@code X-Request-Id}). Only method, path, status and duration are logged: never headers,
 * query, body or cookies.
 */
@ApplicationScoped
public class RequestLog {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String SPAN_ATTRIBUTE = "request.id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger ACCESS = Logger.getLogger("passkey-bff.access");

    void register(@Observes Filters filters) {
        // Before everything else, so even a body-limit rejection carries the id.
        filters.register(this::handle, FilterOrder.REQUEST_LOG);
    }

    void handle(RoutingContext context) {
        String incoming = context.request().getHeader(HEADER);
        String requestId = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : newRequestId();
        long start = System.nanoTime();
        MDC.put(MDC_KEY, requestId);
        Span.current().setAttribute(SPAN_ATTRIBUTE, requestId);
        context.response().putHeader(HEADER, requestId);
        context.addEndHandler(done -> {
            MDC.put(MDC_KEY, requestId);
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info(accessLine(context.request().method().name(), context.request().path(),
                        context.response().getStatusCode(), System.nanoTime() - start));
            }
            MDC.remove(MDC_KEY);
        });
        context.next();
    }

    /** "POST /connect-tokens 200 3.4ms", built without a format string: this runs on every request. */
    static String accessLine(String method, String path, int status, long nanos) {
        long tenthsOfMs = (nanos + 50_000) / 100_000;
        return method + ' ' + path + ' ' + status + ' ' + tenthsOfMs / 10 + '.' + tenthsOfMs % 10 + "ms";
    }

    /** A request id only has to be unique, not unguessable: no SecureRandom (a lock) per request. */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
