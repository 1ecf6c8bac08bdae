package app.passkeybff.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Corbado's error body, as the Backend API and the local stub send it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorbadoError(int httpStatusCode, String message, RequestData requestData, double runtime, Error error) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestData(String requestID, String link) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, String details, List<Validation> validation, List<String> links) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Validation(String field, String message) {
    }
}
