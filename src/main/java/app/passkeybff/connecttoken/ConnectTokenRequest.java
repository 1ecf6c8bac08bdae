package app.passkeybff.connecttoken;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConnectTokenRequest")
public record ConnectTokenRequest(
        @Schema(required = true, enumeration = {"passkey-append", "passkey-list", "passkey-delete"},
                example = "passkey-append") String type) {
}
