package app.passkeybff.corbado;

import app.passkeybff.observability.Tracing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Corbado Backend API over Vert.x's HTTP client: one pooled keep-alive client, JSON in and out with
 * the application's ObjectMapper. It replaced a MicroProfile REST client whose per-call machinery was a
 * quarter of the CPU of {@code /connect-tokens} (bench/vs-node.py, profiled); a call is one POST, so
 * the framework bought nothing. Only {@link Corbado} uses this class: it adds credentials, the guard
 * (timeout, breaker, metrics) and the translation of failures ({@link CorbadoErrors}).
 *
 * <p>Trace context: each request carries the W3C {@code traceparent} of the current span, which is the
 * guard's {@code corbado createConnectToken} span when tracing is on. Vert.x's own client tracing is
 * off for this client: it would name a span of its own made when the pooled connection is handed over,
 * by then outside the guard's span.
 */
@ApplicationScoped
class CorbadoApi {

    /** Connections kept per Corbado host: as many as the old REST client's pool. */
    static final int POOL_SIZE = 50;

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final TextMapSetter<RequestOptions> HEADERS = (options, name, value) -> options.putHeader(name, value);

    private final HttpClient client;
    private final ObjectMapper json;
    private final String connectTokensUri;
    private final TextMapPropagator propagator;

    CorbadoApi(Vertx vertx, ObjectMapper json, CorbadoConfig config, Tracing tracing) {
        this.json = json;
        this.propagator = tracing.propagator();
        this.connectTokensUri = config.apiUrl().replaceAll("/+$", "") + "/v2/connectTokens";
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout(1000)
                        // A connection that stays silent this long mid-answer is given up (the guard's timeout is shorter).
                        .setIdleTimeout(5).setKeepAlive(true).setTcpNoDelay(true)
                        // The pool stops handing out a connection idle for 4 s, before the idle timeout above closes it:
                        // otherwise a request can be given a connection at the moment it is closed, and fail.
                        .setKeepAliveTimeout(4)
                        .setTracingPolicy(TracingPolicy.IGNORE),
                new PoolOptions().setHttp1MaxSize(POOL_SIZE));
    }

    Uni<CorbadoConnectToken> createConnectToken(String authorization, CorbadoConnectTokenRequest request) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(connectTokensUri)
                .putHeader(HttpHeaders.AUTHORIZATION, authorization)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.ACCEPT, JSON);
        propagator.inject(Context.current(), options, HEADERS);
        Buffer body = Buffer.buffer(write(request));
        return client.request(options)
                .flatMap(call -> call.send(body))
                .flatMap(response -> response.body().map(answer -> read(response, answer, CorbadoConnectToken.class)));
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corbado request not serialisable", e);
        }
    }

    private <T> T read(HttpClientResponse response, Buffer answer, Class<T> type) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new CorbadoStatus(response.statusCode(), response.getHeader("Retry-After"));
        }
        try {
            return json.readValue(answer.getBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    /** Corbado answered with a status outside 2xx; {@link CorbadoErrors} decides what the caller sees. */
    static final class CorbadoStatus extends RuntimeException {

        final int status;
        final String retryAfter;

        CorbadoStatus(int status, String retryAfter) {
            super("Corbado answered HTTP " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }
}
