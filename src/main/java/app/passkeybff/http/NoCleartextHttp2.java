package app.passkeybff.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * No HTTP/2 over cleartext (h2c), neither by {@code Upgrade: h2c} nor with prior knowledge. A proxy that
 * forwards {@code Upgrade} (ingress-nginx does, for websockets) turns into a blind tunnel after a 101,
 * and the HTTP/2 requests a client then sends through it reach the service with the trusted proxy as
 * peer and any {@code X-Forwarded-For} the client likes (h2c smuggling): past the proxy's own rules and
 * into any rate-limit bucket. The service sits behind a TLS-terminating proxy that talks HTTP/1.1 to
 * it, so nothing needs h2c.
 */
@ApplicationScoped
public class NoCleartextHttp2 implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
