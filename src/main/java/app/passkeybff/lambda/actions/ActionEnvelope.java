package app.passkeybff.lambda.actions;

import app.passkeybff.lambda.rules.PreLoginRule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code {statusCode, body}} the guide's action Lambdas return. */
record ActionEnvelope(int statusCode, Object body) {

    static final String CAUGHT = "Caught exception";
    static final ObjectMapper JSON = new ObjectMapper();

    static ActionEnvelope ok(Object body) {
        return new ActionEnvelope(200, body);
    }

    /** The guide's error envelope: status 500, body the JSON string {@code {"message","error"}}. */
    static ActionEnvelope caught(Throwable failure) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", CAUGHT);
        body.put("error", PreLoginRule.message(failure));
        return new ActionEnvelope(500, body);
    }

    /** As a Lambda returns it: a map the runtime serializes; an error body travels as a JSON string. */
    Map<String, Object> toLambdaResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("statusCode", statusCode);
        result.put("body", statusCode == 200 ? body : json(body));
        return result;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
