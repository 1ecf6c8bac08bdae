package app.passkeybff.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body with the service's stable {@code code} extension. */
@Schema(name = "Problem", description = "RFC 9457 problem details; `code` is stable and machine-readable: switch on it.")
public record Problem(
        @Schema(required = true, example = "https://passkey-bff.dev/problems/invalid_request") String type,
        @Schema(required = true, example = "Invalid request") String title,
        @Schema(required = true, example = "400") int status,
        @Schema(example = "Field 'type' must be one of passkey-append, passkey-list, passkey-delete") String detail,
        @Schema(required = true, ref = "ProblemCode") String code) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://passkey-bff.dev/problems/";
}
