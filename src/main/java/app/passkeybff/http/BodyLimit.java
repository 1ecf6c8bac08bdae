package app.passkeybff.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.passkeybff.problem.ProblemMappers;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * An announced body over the limit gets the 413 problem before a byte of it is read. A chunked body
 * meets the limit only while being read, and there Quarkus (3.33) answers it itself with a bare 413 and
 * closes the connection (HttpErrorsTest#answersAChunkedBodyOverTheLimitWithABare413AndCloses, SECURITY.md
 * "Known limits"); the failure handler below covers a route that fails with 413 before anything is written.
 */
@ApplicationScoped
public class BodyLimit {

    private final long limit;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::rejectOversized, FilterOrder.BODY_LIMIT);
    }

    /** A route failed with 413 and nothing written yet: the problem body (the chunked case is answered by Quarkus). */
    void registerFailureHandler(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                tooLarge(context);
            } else {
                context.next();
            }
        });
    }

    void rejectOversized(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && exceeds(length)) {
            tooLarge(context);
            return;
        }
        context.next();
    }

    private static void tooLarge(RoutingContext context) {
        // EarlyAnswers closes the connection after this answer: the unread body is too large to drain.
        ProblemMappers.write(context, ProblemMappers.payloadTooLarge());
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
