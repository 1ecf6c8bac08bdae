package app.passkeybff.actions;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PreLoginRequest")
public record PreLoginRequest(
        @Schema(required = true, maxLength = 320, description = "What the user typed into the Corbado login component (an email).",
                example = "jane@example.com") String identifier) {
}
