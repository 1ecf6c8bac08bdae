package app.passkeybff.actions;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PostAppendRequest")
public record PostAppendRequest(
        @Schema(required = true, maxLength = 128, description = "The Cognito username that just got a passkey.",
                example = "7491fa5b-7e00-486a-90de-71af35572cb4") String username) {
}
