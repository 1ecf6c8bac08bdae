package app.passkeybff.actions;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code {statusCode, body}} the guide's action Lambdas return. */
public record ActionEnvelope(int statusCode, Object body) {

    static final String CAUGHT = "Caught exception";

    public static ActionEnvelope ok(Object body) {
        return new ActionEnvelope(200, body);
    }

    /** The guide's error envelope: status 500, body the JSON string {@code {"message","error"}}. */
    public static ActionEnvelope caught(Throwable failure) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", CAUGHT);
        body.put("error", PreLoginRule.message(failure));
        return new ActionEnvelope(500, body);
    }

    /** As a Lambda returns it: a map the runtime serializes; an error body travels as a JSON string. */
    public Map<String, Object> toLambdaResult(java.util.function.Function<Object, String> json) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("statusCode", statusCode);
        result.put("body", statusCode == 200 ? body : json.apply(body));
        return result;
    }
}
