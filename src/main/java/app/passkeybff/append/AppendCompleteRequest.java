package app.passkeybff.append;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppendCompleteRequest")
public record AppendCompleteRequest(
        @Schema(required = true, ref = "AppendStatus") String appendStatus,
        @Schema(maxLength = 2048, description = "Corbado clientState to remember in the client-state cookie (complete values only).",
                example = "eyJsYXN0TG9naW4iOiJwYXNza2V5In0") String clientState) {

    @Override
    public String toString() {
        return "AppendCompleteRequest[appendStatus=" + appendStatus + ", clientState=" + (clientState == null ? "null" : "***") + "]";
    }
}
