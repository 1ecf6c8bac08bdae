package app.passkeybff.lambda.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The pre-login action's answer to Corbado, in exactly the guide's shapes: the Cognito username,
 * or an empty identifier and an error that Corbado shows ({@code return: true}) or not.
 */
@Schema(name = "PreLoginResult")
@JsonPropertyOrder({"identifier", "error"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreLoginResult(
        @Schema(required = true, description = "The Cognito username, or empty on error.") String identifier,
        @Schema(description = "Present when the identifier could not be translated.") Error error) {

    static final String USER_NOT_FOUND_MESSAGE = "There is no account registered to that email address.";

    @Schema(name = "PreLoginError")
    @JsonPropertyOrder({"return", "code", "payload", "message"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(
            @JsonProperty("return") @Schema(required = true, description = "Whether Corbado shows the error.") boolean returnToUser,
            @Schema(required = true, example = "user_not_found") String code,
            String payload,
            String message) {
    }

    public static PreLoginResult success(String username) {
        return new PreLoginResult(username, null);
    }

    public static PreLoginResult silent(String code) {
        return new PreLoginResult("", new Error(false, code, null, null));
    }

    public static PreLoginResult custom(String code, String payload) {
        return new PreLoginResult("", new Error(true, code, payload, null));
    }

    public static PreLoginResult untyped(String message) {
        return new PreLoginResult("", new Error(true, "untyped", null, message == null ? "" : message));
    }

    public static PreLoginResult userNotFound() {
        return new PreLoginResult("", new Error(true, "user_not_found", null, USER_NOT_FOUND_MESSAGE));
    }
}
