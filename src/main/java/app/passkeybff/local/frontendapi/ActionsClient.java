package app.passkeybff.local.frontendapi;

import app.passkeybff.secrets.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Calls this service's own Corbado action webhooks the way Corbado's cloud calls configured actions:
 * {@code POST /actions/pre-login} before a login ceremony, {@code POST /actions/post-append} after a
 * passkey was added, each with {@code Authorization: Bearer <actions secret>}, the secret read from the
 * same {@link Secrets} the webhooks check it against. Dev and test builds only.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class ActionsClient {

    /** The webhook answered something other than 200 with a JSON body. */
    public static final class ActionFailed extends RuntimeException {
        ActionFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient client;
    private final ObjectMapper json;
    private final Secrets secrets;
    private final FrontendApiConfig config;
    private final String baseUrl;

    public ActionsClient(Vertx vertx, ObjectMapper json, Secrets secrets, FrontendApiConfig config) {
        this.json = json;
        this.secrets = secrets;
        this.config = config;
        this.baseUrl = config.serviceUrl().replaceAll("/+$", "");
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(1000).setKeepAlive(true));
    }

    /** The pre-login action's answer: {@code {identifier}} or {@code {identifier: "", error: {return, code, …}}}. */
    public Uni<JsonNode> preLogin(String identifier) {
        return call("/actions/pre-login", Map.of("identifier", identifier));
    }

    public Uni<JsonNode> postAppend(String username) {
        return call("/actions/post-append", Map.of("username", username));
    }

    private Uni<JsonNode> call(String path, Map<String, String> body) {
        return secrets.get().flatMap(loaded -> {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(baseUrl + path)
                    .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + loaded.actionsSecret())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.ACCEPT, "application/json")
                    .setTimeout(config.actionTimeout().toMillis());
            return client.request(options)
                    .flatMap(request -> request.send(Buffer.buffer(write(body))))
                    .flatMap(response -> response.body().map(answer -> {
                        if (response.statusCode() != 200) {
                            throw new ActionFailed(path + " answered HTTP " + response.statusCode());
                        }
                        return read(answer);
                    }));
        });
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(Buffer answer) {
        try {
            return json.readTree(answer.getBytes());
        } catch (IOException e) {
            throw new ActionFailed("the action's answer is not JSON");
        }
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }
}
