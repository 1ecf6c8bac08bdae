package app.passkeybff.corbado;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** Corbado's ConnectToken. The {@code secret} is what the frontend component needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CorbadoConnectToken(String id, String tokenType, JsonNode data, String connectTokenStatus, Long expires,
                                  String secret) {
    @Override
    public String toString() {
        return "CorbadoConnectToken[id=" + id + ", tokenType=" + tokenType + ", status=" + connectTokenStatus
                + ", expires=" + expires + ", secret=***]";
    }
}
