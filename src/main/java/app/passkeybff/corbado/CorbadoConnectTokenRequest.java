package app.passkeybff.corbado;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of Corbado's {@code POST /v2/connectTokens}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorbadoConnectTokenRequest(String type, Data data, Integer maxLifetimeInSeconds) {

    /** {@code displayName} only for {@code passkey-append}; the other types take the identifier alone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(String displayName, String identifier) {
    }
}
