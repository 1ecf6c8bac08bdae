package app.passkeybff.connecttoken;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConnectTokenRequest")
public record ConnectTokenRequest(
        @Schema(required = true, ref = "ConnectTokenType") String type) {
}
