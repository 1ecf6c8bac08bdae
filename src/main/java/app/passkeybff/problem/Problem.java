package app.passkeybff.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body with the service's stable {@code code} extension. */
@Schema(name = "Problem", description = "RFC 9457 problem details; `code` is stable and machine-readable.")
public record Problem(
        @Schema(example = "https://passkey-bff.dev/problems/invalid_request") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "Field 'type' must be one of passkey-append, passkey-list, passkey-delete") String detail,
        @Schema(example = "invalid_request") String code) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://passkey-bff.dev/problems/";
}
