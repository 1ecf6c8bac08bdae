package app.passkeybff.connecttoken;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "ConnectTokenResponse")
public record ConnectTokenResponse(
        @Schema(required = true, description = "ConnectToken secret for the Corbado frontend component.",
                example = "ctks_7b3f9a1c2d4e5f60718293a4b5c6d7e8") String token,
        @Schema(required = true, ref = "ConnectTokenType") String type,
        @Schema(required = true, implementation = String.class, format = "date-time",
                description = "When the ConnectToken expires.", example = "2026-11-25T15:04:05Z") Instant expiresAt) {

    @Override
    public String toString() {
        return "ConnectTokenResponse[type=" + type + ", expiresAt=" + expiresAt + ", token=***]";
    }
}
