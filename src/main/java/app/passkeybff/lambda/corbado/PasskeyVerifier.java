package app.passkeybff.lambda.corbado;

import app.passkeybff.lambda.corbado.CorbadoCredentials;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Corbado's {@code POST /v2/passkey/verifySignedData}: the one call that proves a passkey login.
 * Plain Java (JDK HTTP client) because the verify-auth-challenge Lambda runs it; the local trigger
 * host runs the very same code. Never throws: any failure is {@link Result#GENERIC_ERROR}.
 */
public class PasskeyVerifier {

    /** Corbado's verification results; only {@link #SUCCESS} lets a login through. */
    public enum Result {
        SUCCESS("success"), INVALID_SIGNATURE("invalid_signature"), INVALID_CHALLENGE("invalid_challenge"),
        USER_MISMATCH("user_mismatch"), GENERIC_ERROR("generic_error");

        private final String wire;

        Result(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Result of(String wire) {
            for (Result result : values()) {
                if (result.wire.equals(wire)) {
                    return result;
                }
            }
            return GENERIC_ERROR;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI endpoint;
    private final Supplier<CorbadoCredentials> credentials;
    private final Duration timeout;
    private final HttpClient http;

    public PasskeyVerifier(String apiUrl, Supplier<CorbadoCredentials> credentials, Duration timeout) {
        this.endpoint = URI.create(apiUrl.replaceAll("/+$", "") + "/v2/passkey/verifySignedData");
        this.credentials = credentials;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Result verify(String signedPasskeyData, String username) {
        try {
            String body = JSON.writeValueAsString(Map.of("signedPasskeyData", signedPasskeyData, "username", username));
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Authorization", credentials.get().basicAuthorization())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            // The request timeout ends when the headers arrive; the deadline here also covers a body that
            // trickles in, so the whole exchange stays within the timeout (and Cognito's 5 s).
            CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> response;
            try {
                response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                exchange.cancel(true);
            }
            if (response.statusCode() != 200) {
                return Result.GENERIC_ERROR;
            }
            JsonNode result = JSON.readTree(response.body()).path("verificationResult");
            return Result.of(result.asText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.GENERIC_ERROR;
        } catch (Exception e) {
            // Timeouts, refused connections, broken JSON, missing credentials: never a login.
            return Result.GENERIC_ERROR;
        }
    }
}
