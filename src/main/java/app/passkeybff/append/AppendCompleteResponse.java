package app.passkeybff.append;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppendCompleteResponse")
public record AppendCompleteResponse(
        @Schema(required = true, enumeration = {"complete", "complete-noop", "skip-implicit", "skip-explicit"}) String appendStatus,
        @Schema(required = true, description = "Whether this call switched on SMS MFA for the user.") boolean mfaUpdated) {
}
