package app.passkeybff.local.frontendapi;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PfxOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Frontend API stand-in over TLS at {@code https://{projectId}.localhost:{LOCAL_FRONTEND_API_TLS_PORT}},
 * because {@code @corbado/connect-react} builds its address as {@code https://{projectId}.{frontendApiUrlSuffix}}
 * and cannot be given a plain-HTTP one. Chromium resolves every {@code *.localhost} name to loopback;
 * the certificate is self-signed for {@code localhost} and {@code *.localhost}, made by the JDK's
 * {@code keytool} at start and kept in memory only. Requests under {@code /local/corbado-frontend/} are
 * forwarded to the service's plain HTTP port ({@code local.frontend-api.service-url}) with
 * {@code X-Forwarded-Proto: https} and {@code X-Forwarded-Host}, so the stand-in names this address as the
 * process's {@code frontendApiUrl}; anything else is 404. Dev and test builds only, off unless a port is set.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class TlsListener {

    private static final Logger LOG = Logger.getLogger(TlsListener.class);
    private static final String PREFIX = "/local/corbado-frontend/";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "te", "trailer", "host", "content-length");

    private final Vertx vertx;
    private final FrontendApiConfig config;
    private HttpServer server;
    private HttpClient client;

    public TlsListener(Vertx vertx, FrontendApiConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        if (config.tlsPort() < 0) {
            return;
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        client = vertx.createHttpClient();
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PfxOptions().setValue(selfSigned(password)).setPassword(password)))
                .requestHandler(this::forward);
        // Waits for the listener: a test that starts after the service may use it at once.
        server.listen(config.tlsPort(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("Corbado Frontend API stand-in also on https://<projectId>.localhost:%d%s (self-signed certificate)",
                server.actualPort(), PREFIX.substring(0, PREFIX.length() - 1));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
            client.close();
        }
    }

    private void forward(HttpServerRequest in) {
        if (!in.path().startsWith(PREFIX)) {
            in.response().setStatusCode(404).end();
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(in.method())
                .setAbsoluteURI(config.serviceUrl().replaceAll("/+$", "") + in.uri());
        copy(in.headers(), options.getHeaders() == null ? setHeaders(options) : options.getHeaders());
        options.putHeader("X-Forwarded-Proto", "https").putHeader("X-Forwarded-Host", in.host());
        in.body()
                .compose(body -> client.request(options).compose(out -> out.send(body)))
                .compose(answer -> answer.body().map(body -> {
                    in.response().setStatusCode(answer.statusCode());
                    copy(answer.headers(), in.response().headers());
                    return body;
                }))
                .onSuccess(body -> in.response().end(body))
                .onFailure(failure -> {
                    LOG.warnf("TLS listener could not forward %s: %s", in.path(), failure.getMessage());
                    if (!in.response().headWritten()) {
                        in.response().setStatusCode(502).end();
                    }
                });
    }

    private static MultiMap setHeaders(RequestOptions options) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        options.setHeaders(headers);
        return headers;
    }

    private static void copy(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    /** A PKCS#12 key store with a fresh EC key and a self-signed certificate for localhost and *.localhost. */
    private static Buffer selfSigned(String password) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("frontend-api-tls");
        Path store = dir.resolve("tls.p12");
        try {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "frontend-api", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,dns:*.localhost", "-validity", "30",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool could not make the TLS certificate: " + output);
            }
            return Buffer.buffer(Files.readAllBytes(store));
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }
}
