package app.passkeybff.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keep-alive hygiene for answers sent before the request body was read (429, the webhooks' 401, 413,
 * 415, 404, 405): the unread body still sits in front of the connection's next request, and once it
 * fills Vert.x's buffer the connection stops reading, so an ingress that pools upstream connections
 * would park an innocent user's request on it until its own timeout. A body of at most the body limit
 * is drained (the connection stays usable) until the body deadline ({@code http.body-timeout} after the
 * headers, as for a body the service reads), then the connection is closed: a client that announces a
 * body and sends it a byte at a time would otherwise hold the connection for ever, since every byte
 * resets the idle timeout. A larger or chunked body closes the connection after the answer, once the
 * client has finished sending (within bounds). HTTP/2 streams do not share this fate and are left alone.
 */
@ApplicationScoped
public class EarlyAnswers {

    /** Bounds of the lingering close: enough for a client's honest body, not a sink for any stream. */
    private static final long LINGER_BYTES = 1024 * 1024;
    private static final long LINGER_MILLIS = 2_000;

    private final long drainLimit;
    private final long bodyTimeoutNanos;

    public EarlyAnswers(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit, HttpConfig config) {
        this.drainLimit = bodyLimit.asLongValue();
        this.bodyTimeoutNanos = config.bodyTimeout().toNanos();
    }

    void register(@Observes Filters filters) {
        filters.register(this::watch, FilterOrder.EARLY_ANSWERS);
    }

    void watch(RoutingContext context) {
        long headersAt = System.nanoTime();
        context.addHeadersEndHandler(ignored -> settle(context, headersAt));
        context.next();
    }

    private void settle(RoutingContext context, long headersAt) {
        HttpServerRequest request = context.request();
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            return;
        }
        long announced = announcedLength(request);
        if (announced >= 0 && announced <= drainLimit) {
            // Nobody will read it now: let it flow past (and be dropped) so the next request is parsed.
            drainUntilDeadline(context, headersAt, announced);
            return;
        }
        context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        // The header alone does not make Vert.x close; closing after the write does, once it is flushed.
        context.addEndHandler(done -> closeAfterLinger(context));
    }

    /**
     * Drops the body as it arrives; a body still incomplete at its deadline closes the connection. The
     * request's end handler is left alone (whoever answered may still be waiting for it): the timer only
     * looks whether the request ended.
     */
    private void drainUntilDeadline(RoutingContext context, long headersAt, long announced) {
        HttpServerRequest request = context.request();
        request.handler(ignoredChunk -> { });
        request.resume();
        if (announced == 0) {
            return; // Nothing to wait for: the request ends as soon as it is read.
        }
        long remainingMillis = Math.max(1, (bodyTimeoutNanos - (System.nanoTime() - headersAt)) / 1_000_000);
        context.vertx().setTimer(remainingMillis, ignored -> {
            if (!request.isEnded()) {
                request.connection().close();
            }
        });
    }

    /**
     * Closing on unread bytes makes the kernel answer the client's next segment with a reset, and a
     * client still writing its body then fails on the write or loses the answer it has not read yet.
     * So keep reading and dropping what it sends, up to a bound in bytes and in time, and close when
     * the body is in or a bound is reached (a lingering close).
     */
    private static void closeAfterLinger(RoutingContext context) {
        HttpServerRequest request = context.request();
        Runnable close = () -> context.response().close();
        if (request.isEnded()) {
            close.run();
            return;
        }
        long timer = context.vertx().setTimer(LINGER_MILLIS, ignored -> close.run());
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > LINGER_BYTES) {
                context.vertx().cancelTimer(timer);
                close.run();
            }
        });
        request.endHandler(ignored -> {
            context.vertx().cancelTimer(timer);
            close.run();
        });
        request.resume();
    }

    /** The announced body length, 0 when there is none, -1 when unknown (chunked) or unreadable. */
    private static long announcedLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null ? 0 : -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
