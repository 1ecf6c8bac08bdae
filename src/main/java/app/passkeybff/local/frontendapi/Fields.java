package app.passkeybff.local.frontendapi;

import app.passkeybff.local.CorbadoError;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Frontend API request body field by field and collects what is wrong with it, for Corbado's
 * {@code validation_error} answer ({@code error.validation[{field, message}]}).
 */
final class Fields {

    private final JsonNode body;
    private final List<CorbadoError.Validation> problems = new ArrayList<>();

    Fields(JsonNode body) {
        this.body = body;
        if (body == null || !body.isObject()) {
            problems.add(new CorbadoError.Validation("body", "must be a JSON object"));
        }
    }

    boolean valid() {
        return problems.isEmpty();
    }

    List<CorbadoError.Validation> problems() {
        return List.copyOf(problems);
    }

    void invalid(String field, String message) {
        problems.add(new CorbadoError.Validation(field, message));
    }

    /** A string; a required one must not be blank. Null when absent or wrong. */
    String text(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            invalid(field, required ? "must be a non-blank string" : "must be a string");
            return null;
        }
        return value.asText();
    }

    void oneOf(String field, List<String> values, boolean required) {
        String value = text(field, required);
        if (value != null && !values.contains(value)) {
            invalid(field, "must be one of " + values);
        }
    }

    void bool(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value != null && !value.isBoolean()) {
            invalid(field, "must be a boolean");
        }
    }

    void integer(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value != null && !value.isIntegralNumber()) {
            invalid(field, "must be an integer");
        }
    }

    void object(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value != null && !value.isObject()) {
            invalid(field, "must be an object");
        }
    }

    /** An object whose values are strings, like {@code flags}. */
    void stringMap(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null) {
            return;
        }
        if (!value.isObject()) {
            invalid(field, "must be an object");
            return;
        }
        value.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                invalid(field + "." + entry.getKey(), "must be a string");
            }
        });
    }

    private JsonNode present(String field, boolean required) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                invalid(field, "cannot be blank");
            }
            return null;
        }
        return value;
    }
}
