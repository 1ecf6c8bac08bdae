package app.passkeybff.login;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasskeyLoginRequest")
public record PasskeyLoginRequest(
        @Schema(required = true, maxLength = 8192,
                description = "The signedPasskeyData JWT from the Corbado login component's onComplete.",
                example = "eyJhbGciOiJSUzI1NiIsImtpZCI6InBray0xIn0.eyJ3ZWJhdXRobklkIjoiN2E0ZiJ9.c2ln") String signedPasskeyData,
        @Schema(maxLength = 2048, description = "Corbado clientState to remember in the client-state cookie.",
                example = "eyJsYXN0TG9naW4iOiJwYXNza2V5In0") String clientState) {

    @Override
    public String toString() {
        return "PasskeyLoginRequest[signedPasskeyData=***, clientState=" + (clientState == null ? "null" : "***") + "]";
    }
}
