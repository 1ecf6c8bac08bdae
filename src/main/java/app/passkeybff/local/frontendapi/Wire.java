package app.passkeybff.local.frontendapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The answer bodies of Corbado's Frontend API v2 connect operations, named after the schemas of
 * Corbado's {@code spec_v2.yaml} and the types {@code @corbado/web-core} declares for them
 * ({@code dist/api/v2/api.d.ts}). Where web-core 2.x (under {@code @corbado/connect-react} 0.2.4) and
 * 3.x declare different fields, an answer carries what both read; {@code FrontendApiContractTest}
 * type-checks recorded answers against both versions' declarations.
 */
public final class Wire {

    private Wire() {
    }

    public record ConnectLoginInitRsp(String token, long expiresAt, String frontendApiUrl, boolean loginAllowed,
                                      Map<String, String> flags) {
    }

    public record ConnectAppendInitRsp(@JsonProperty("processID") String processID, long expiresAt,
                                       String frontendApiUrl, boolean appendAllowed, Map<String, String> flags) {
    }

    public record ConnectManageInitRsp(@JsonProperty("processID") String processID, long expiresAt,
                                       String frontendApiUrl, boolean manageAllowed, Map<String, String> flags) {
    }

    /**
     * {@code assertionOptions} is the JSON string {@code {"publicKey":{…}}}, or {@code ""} when no ceremony
     * starts; then {@code fallbackOperationError} (web-core 3) and, for a refusal, {@code error} (what
     * web-core 2 reads instead) say why.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectLoginStartRsp(String assertionOptions, @JsonProperty("isCDA") boolean isCDA,
                                       FallbackOperationError fallbackOperationError, RequestError error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FallbackOperationError(boolean initFallback, String identifier, RequestError error) {
    }

    public record RequestError(String code, String message) {
    }

    /** {@code session} carries the signedPasskeyData too: connect-react 0.2.4 hands that field to onComplete. */
    public record ConnectLoginFinishRsp(PasskeyOperation passkeyOperation, String session, String signedPasskeyData) {
    }

    public record PasskeyOperation(String operationType, String identifierValue, String identifierType,
                                   String ceremonyType) {
    }

    public record ConnectAppendStartRsp(String attestationOptions, String variant, boolean isRestrictedBrowser,
                                        boolean autoAppend, boolean conditionalAppend) {
    }

    public record ConnectAppendFinishRsp(PasskeyOperation passkeyOperation) {
    }

    public record ConnectManageListRsp(List<Passkey> passkeys, @JsonProperty("rpID") String rpID,
                                       @JsonProperty("userID") String userID) {
    }

    public record Passkey(String id, @JsonProperty("credentialID") String credentialID, String attestationType,
                          List<String> transport, boolean backupEligible, boolean backupState,
                          @JsonProperty("authenticatorAAGUID") String authenticatorAAGUID,
                          @JsonProperty("sourceOS") String sourceOS, String sourceBrowser, String lastUsed,
                          String created, String status, AaguidDetails aaguidDetails, long createdMs,
                          long lastUsedMs, List<String> tags) {
    }

    public record AaguidDetails(String name, String iconLight, String iconDark) {
    }

    public record ConnectManageDeleteRsp(@JsonProperty("credentialID") String credentialID) {
    }

    public record ConnectProcessClearRsp(String processId) {
    }
}
