package app.passkeybff.http;

import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.ProblemMappers;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A body that stops arriving (a client cut off mid-body, a slowloris) would hold the request and its
 * connection until Vert.x's idle timeout, 30 minutes by default, and a client waiting for an answer
 * would wait as long. Past {@code http.body-timeout} after the headers, the request is answered 408
 * {@code request_timeout} and the connection closed (the rest of the body will not come, so nothing is
 * drained). Bodies here are at most 16 KiB: 10 s is ample even on a poor mobile link.
 */
@ApplicationScoped
public class BodyDeadline {

    private final long timeoutMillis;

    public BodyDeadline(HttpConfig config) {
        this.timeoutMillis = config.bodyTimeout().toMillis();
    }

    void register(@Observes Filters filters) {
        filters.register(this::watch, FilterOrder.BODY_DEADLINE);
    }

    void watch(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!request.isEnded()) {
            long timer = context.vertx().setTimer(timeoutMillis, ignored -> expire(context));
            context.addEndHandler(done -> context.vertx().cancelTimer(timer));
        }
        context.next();
    }

    private static void expire(RoutingContext context) {
        if (context.request().isEnded() || context.response().headWritten()) {
            return; // The body is in and the service is working on it (upstream calls have their own bounds).
        }
        context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        context.addEndHandler(done -> context.response().close());
        ProblemMappers.write(context, new ProblemException(408, "request_timeout", "Request timeout",
                "The request body did not arrive in time."));
    }
}
