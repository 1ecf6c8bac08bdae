package app.passkeybff.login;

import app.passkeybff.clientstate.ClientStateCookie;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasskeyLoginRequest")
public record PasskeyLoginRequest(
        @NotBlank(message = "is required")
        @Size(max = 8192, message = "is not a compact JWT")
        @Pattern(regexp = SignedPasskeyData.COMPACT_JWT, message = "is not a compact JWT")
        @Schema(description = "The signedPasskeyData JWT from the Corbado login component's onComplete.",
                example = "eyJhbGciOiJSUzI1NiIsImtpZCI6InBray0xIn0.eyJ3ZWJhdXRobklkIjoiN2E0ZiJ9.c2ln") String signedPasskeyData,
        @Size(min = 1, max = ClientStateCookie.MAX_LENGTH, message = "must be {min} to {max} characters")
        @Schema(description = "Corbado clientState to remember in the client-state cookie.",
                example = "eyJsYXN0TG9naW4iOiJwYXNza2V5In0") String clientState) {

    @Override
    public String toString() {
        return "PasskeyLoginRequest[signedPasskeyData=***, clientState=" + (clientState == null ? "null" : "***") + "]";
    }
}
