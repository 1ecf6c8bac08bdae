package app.passkeybff.login;

import app.passkeybff.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Base64;

/**
 * The shape of Corbado's signedPasskeyData: a compact JWS whose payload names the Cognito username
 * ({@code webauthnId}) and an expiry. Anything else is 400; whether the data is genuine is
 * {@link SignedPasskeyDataVerifier}'s question (401), and Corbado's in the verify trigger.
 * Dates stay JSON numbers here: no conversion that an absurd value could break.
 */
public record SignedPasskeyData(String raw, String webauthnId) {

    /** Three base64url segments: the request's declared constraint, so {@link #parse} only sees this shape. */
    static final String COMPACT_JWT = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the payload of a value in {@link #COMPACT_JWT} shape. */
    public static SignedPasskeyData parse(String raw) {
        JsonNode payload = payload(raw.substring(raw.indexOf('.') + 1, raw.lastIndexOf('.')));
        JsonNode webauthnId = payload.get("webauthnId");
        if (webauthnId == null || !webauthnId.isTextual() || webauthnId.asText().isBlank()) {
            throw ProblemException.invalidRequest("Field 'signedPasskeyData' carries no usable webauthnId.");
        }
        JsonNode exp = payload.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw ProblemException.invalidRequest("Field 'signedPasskeyData' carries no expiry.");
        }
        return new SignedPasskeyData(raw, webauthnId.asText());
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

    @Override
    public String toString() {
        return "SignedPasskeyData[webauthnId=" + webauthnId + ", raw=***]";
    }
}
