package app.passkeybff.lambda.corbado;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Corbado Backend API credentials. {@link #toString()} never shows the secret. */
public record CorbadoCredentials(String projectId, String apiSecret) {

    public String basicAuthorization() {
        String pair = projectId + ":" + apiSecret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "CorbadoCredentials[projectId=" + projectId + ", apiSecret=***]";
    }
}
