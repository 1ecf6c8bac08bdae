package app.passkeybff.lambda.corbado;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Corbado's {@code POST /v2/passkey/verifySignedData}: the one call that proves a passkey login.
 * Plain Java (JDK HTTP client) because the verify-auth-challenge Lambda runs it; the local trigger
 * host runs the very same code. Never throws: any failure is {@link Result#GENERIC_ERROR}.
 *
 * <p>The app client id is public, so anyone can run CUSTOM_AUTH and send any answer: before Corbado
 * is asked, the data must pass the check the service makes ({@link SignedPasskeyDataCheck}: signed by
 * a key of Corbado's Frontend API key set, this project's, in date) and name the event's user as its
 * {@code webauthnId}. Anything else is {@link Result#REFUSED_BEFORE_CORBADO} and costs Corbado nothing.
 */
public class PasskeyVerifier {

    /** Corbado's verification results; only {@link #SUCCESS} lets a login through. */
    public enum Result {
        SUCCESS("success"), INVALID_SIGNATURE("invalid_signature"), INVALID_CHALLENGE("invalid_challenge"),
        USER_MISMATCH("user_mismatch"), GENERIC_ERROR("generic_error"),
        /** Not Corbado's: the local check refused the data, so Corbado was not asked. */
        REFUSED_BEFORE_CORBADO("refused_before_corbado");

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
    private final FrontendApiKeySet keys;
    private final Clock clock;

    public PasskeyVerifier(String apiUrl, Supplier<CorbadoCredentials> credentials, Duration timeout,
                           FrontendApiKeySet keys, Clock clock) {
        this.endpoint = URI.create(apiUrl.replaceAll("/+$", "") + "/v2/passkey/verifySignedData");
        this.credentials = credentials;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.keys = keys;
        this.clock = clock;
    }

    public Result verify(String signedPasskeyData, String username) {
        try {
            CorbadoCredentials corbado = credentials.get();
            if (!genuine(signedPasskeyData, username, corbado.projectId())) {
                return Result.REFUSED_BEFORE_CORBADO;
            }
            return verifySignedData(signedPasskeyData, username, corbado);
        } catch (RuntimeException e) {
            // Missing credentials and the like: never a login.
            return Result.GENERIC_ERROR;
        }
    }

    private boolean genuine(String signedPasskeyData, String username, String projectId) {
        Optional<RSAPublicKey> key = SignedPasskeyDataCheck.rs256KeyId(signedPasskeyData)
                .flatMap(kid -> keys.key(projectId, kid));
        return key.isPresent() && SignedPasskeyDataCheck.validFor(signedPasskeyData, key.get(), projectId, username, clock);
    }

    private Result verifySignedData(String signedPasskeyData, String username, CorbadoCredentials corbado) {
        try {
            String body = JSON.writeValueAsString(Map.of("signedPasskeyData", signedPasskeyData, "username", username));
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Authorization", corbado.basicAuthorization())
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
            // Timeouts, refused connections, broken JSON: never a login.
            return Result.GENERIC_ERROR;
        }
    }
}
