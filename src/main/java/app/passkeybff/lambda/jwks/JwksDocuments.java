package app.passkeybff.lambda.jwks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one way a JWK set document is fetched, for both the user pool's and Corbado's Frontend API's: an
 * asynchronous GET with the JDK's client (no thread waits for it), bounded by {@code timeout} as a whole.
 */
public final class JwksDocuments {

    private JwksDocuments() {
    }

    /** The body of a 200 answer; fails with {@code IllegalStateException("HTTP <status>")} on any other status. */
    public static CompletableFuture<String> get(HttpClient client, URI url, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return response.body();
                });
    }
}
