package app.passkeybff.http;

import app.passkeybff.problem.ProblemException;
import app.passkeybff.problem.ProblemMappers;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Requests whose body length two HTTP parsers could read differently (request smuggling). Netty frames
 * a request by {@code Transfer-Encoding} when it says chunked anywhere and drops a {@code Content-Length}
 * beside it, so a proxy in front that framed it otherwise would see another next request than we do:
 * <ul>
 * <li>{@code Transfer-Encoding} whose final coding is not {@code chunked} ({@code gzip},
 *     {@code chunked, identity}): the length cannot be determined, 400 and close (RFC 9112 6.3);</li>
 * <li>any other {@code Transfer-Encoding}: answered, then the connection is closed, as RFC 9112 6.1
 *     requires after a request with both headers (which Netty no longer lets us tell apart).</li>
 * </ul>
 * Clients of this API send JSON with a {@code Content-Length}; only chunked uploads lose keep-alive.
 */
@ApplicationScoped
public class RequestFraming {

    /** Set on a connection whose current request must be its last. */
    private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("passkey-bff.request-framing.closing");

    void register(@Observes Filters filters) {
        filters.register(this::check, FilterOrder.REQUEST_FRAMING);
    }

    void check(RoutingContext context) {
        if (context.request().version() == HttpVersion.HTTP_2) {
            context.next();
            return;
        }
        Channel channel = ((ConnectionBase) context.request().connection()).channel();
        if (channel.hasAttr(CLOSING)) {
            // Pipelined behind such a request: what a proxy may have sent as its body, so never served.
            context.request().connection().close();
            return;
        }
        List<String> codings = context.request().headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (codings.isEmpty()) {
            context.next();
            return;
        }
        // Vert.x serves a pipelined request before our end handler runs: mark the connection first.
        channel.attr(CLOSING).set(Boolean.TRUE);
        context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        // The header alone does not make Vert.x close (EarlyAnswers lingers when the body is unread).
        context.addEndHandler(done -> context.response().close());
        if (!endsInChunked(codings)) {
            ProblemMappers.write(context, ProblemException.invalidRequest(
                    "Transfer-Encoding must end with chunked; send the body with a Content-Length."));
            return;
        }
        context.next();
    }

    private static boolean endsInChunked(List<String> lines) {
        String[] codings = String.join(",", lines).split(",");
        return codings.length > 0 && codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
    }
}
