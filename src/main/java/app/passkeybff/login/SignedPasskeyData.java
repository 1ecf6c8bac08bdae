package app.passkeybff.login;

import app.passkeybff.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * The parts of Corbado's signedPasskeyData the BFF reads before Cognito sees it. Its signature is
 * checked by Corbado from the verify trigger (single use), so here only the shape, the Cognito
 * username ({@code webauthnId}) and the expiry matter.
 */
public record SignedPasskeyData(String raw, String webauthnId, Instant expiresAt) {

    /** Three base64url segments: the request's declared constraint, so {@link #parse} only sees this shape. */
    static final String COMPACT_JWT = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";
    static final int MAX_USERNAME_LENGTH = 128;
    static final long CLOCK_SKEW_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the payload of a value in {@link #COMPACT_JWT} shape. */
    public static SignedPasskeyData parse(String raw) {
        JsonNode payload = payload(raw.substring(raw.indexOf('.') + 1, raw.lastIndexOf('.')));
        JsonNode webauthnId = payload.get("webauthnId");
        if (webauthnId == null || !webauthnId.isTextual() || webauthnId.asText().isBlank()
                || webauthnId.asText().length() > MAX_USERNAME_LENGTH) {
            throw ProblemException.invalidRequest("Field 'signedPasskeyData' carries no usable webauthnId.");
        }
        JsonNode exp = payload.get("exp");
        if (exp == null || !exp.canConvertToLong()) {
            throw ProblemException.invalidRequest("Field 'signedPasskeyData' carries no expiry.");
        }
        return new SignedPasskeyData(raw, webauthnId.asText(), Instant.ofEpochSecond(exp.asLong()));
    }

    private static JsonNode payload(String segment) {
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(segment));
            if (payload != null && payload.isObject()) {
                return payload;
            }
        } catch (IllegalArgumentException | IOException e) {
            // falls through to the one message below
        }
        throw ProblemException.invalidRequest("Field 'signedPasskeyData' is not a compact JWT.");
    }

    /** Expired data cannot verify at Corbado either; answered like any failed login, without a Cognito call. */
    public boolean expired(Instant now) {
        return expiresAt.plusSeconds(CLOCK_SKEW_SECONDS).isBefore(now);
    }

    @Override
    public String toString() {
        return "SignedPasskeyData[webauthnId=" + webauthnId + ", expiresAt=" + expiresAt + ", raw=***]";
    }
}
