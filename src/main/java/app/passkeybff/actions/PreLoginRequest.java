package app.passkeybff.actions;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PreLoginRequest")
public record PreLoginRequest(
        @NotBlank(message = "is required")
        @Size(max = 320, message = "is longer than {max} characters")
        @Schema(description = "What the user typed into the Corbado login component (an email).",
                example = "jane@example.com") String identifier) {
}
