package app.passkeybff.append;

import app.passkeybff.clientstate.ClientStateCookie;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppendCompleteRequest")
public record AppendCompleteRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = AppendStatus.WIRE_VALUES, message = "must be one of complete, complete-noop, skip-implicit, skip-explicit")
        @Schema(required = true, ref = "AppendStatus") String appendStatus,
        @Size(min = 1, max = ClientStateCookie.MAX_LENGTH, message = "must be {min} to {max} characters")
        @Schema(description = "Corbado clientState to remember in the client-state cookie (complete values only).",
                example = "eyJsYXN0TG9naW4iOiJwYXNza2V5In0") String clientState) {

    @Override
    public String toString() {
        return "AppendCompleteRequest[appendStatus=" + appendStatus + ", clientState=" + (clientState == null ? "null" : "***") + "]";
    }
}
