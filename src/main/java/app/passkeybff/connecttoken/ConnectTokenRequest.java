package app.passkeybff.connecttoken;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConnectTokenRequest")
public record ConnectTokenRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = ConnectTokenType.WIRE_VALUES, message = "must be one of passkey-append, passkey-list, passkey-delete")
        @Schema(required = true, ref = "ConnectTokenType") String type) {
}
