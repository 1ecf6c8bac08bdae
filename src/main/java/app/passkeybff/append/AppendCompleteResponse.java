package app.passkeybff.append;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppendCompleteResponse")
public record AppendCompleteResponse(
        @Schema(required = true, ref = "AppendStatus") String appendStatus,
        @Schema(required = true, description = "Whether this call switched on SMS MFA for the user.") boolean mfaUpdated) {
}
