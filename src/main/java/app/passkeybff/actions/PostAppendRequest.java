package app.passkeybff.actions;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PostAppendRequest")
public record PostAppendRequest(
        @NotBlank(message = "is required")
        @Size(max = 128, message = "is longer than {max} characters")
        @Schema(description = "The Cognito username that just got a passkey.",
                example = "7491fa5b-7e00-486a-90de-71af35572cb4") String username) {
}
