package app.passkeybff.local.frontendapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The relying-party side of the passkey ceremonies Corbado's Frontend API runs for its components:
 * registration for the user a {@code passkey-append} ConnectToken names, login for the user the
 * pre-login action named (the challenge allows only that user's credentials). Attestation and
 * assertion are verified by webauthn4j (origin, RP ID, challenge, signature, user presence and
 * verification, signature counter); a challenge is single use, short-lived and bound to the connect
 * process that asked for it; the user handle must be the one the passkey was registered with.
 * Passkeys live in memory. Dev and test builds only.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalWebAuthn {

    /** A refused step: the HTTP status and the check that failed ({@code bad_origin}, {@code invalid_challenge}, …). */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String check;

        Refused(int status, String check, String message) {
            super(message, null, false, false);
            this.status = status;
            this.check = check;
        }

        public int status() {
            return status;
        }

        public String check() {
            return check;
        }
    }

    /** A registered passkey, with what Corbado's passkey list shows about it. */
    public record PasskeyInfo(String id, String credentialId, String username, Instant createdAt, Instant lastUsedAt,
                              long signCount, List<String> transports, boolean backupEligible, boolean backupState,
                              String aaguid, String sourceOS, String sourceBrowser) {
    }

    /** A finished registration: the passkey and the ConnectToken's user. */
    public record Registered(PasskeyInfo passkey, String displayName) {
    }

    /** A finished login: the passkey and the identifier the user typed (what the pre-login action translated). */
    public record Asserted(PasskeyInfo passkey, String identifier) {
    }

    private record Pending(String purpose, String username, String identifier, byte[] userHandle, String processId,
                           Instant expiresAt) {
    }

    private static final class Passkey {
        final String id;
        final String username;
        final byte[] userHandle;
        final CredentialRecordImpl record;
        final Instant createdAt;
        final List<String> transports;
        final boolean backupEligible;
        final String aaguid;
        final String sourceOS;
        final String sourceBrowser;
        boolean backupState;
        Instant lastUsedAt;

        Passkey(String id, String username, byte[] userHandle, CredentialRecordImpl record, RegistrationData data,
                String userAgent) {
            AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
            this.id = id;
            this.username = username;
            this.userHandle = userHandle;
            this.record = record;
            this.createdAt = Instant.now();
            this.lastUsedAt = createdAt;
            this.transports = transports(data.getTransports());
            this.backupEligible = authenticator.isFlagBE();
            this.backupState = authenticator.isFlagBS();
            this.aaguid = authenticator.getAttestedCredentialData().getAaguid().toString();
            this.sourceOS = UserAgents.os(userAgent);
            this.sourceBrowser = UserAgents.browser(userAgent);
        }

        String credentialId() {
            return B64.encodeToString(record.getAttestedCredentialData().getCredentialId());
        }

        synchronized PasskeyInfo info() {
            return new PasskeyInfo(id, credentialId(), username, createdAt, lastUsedAt, record.getCounter(), transports,
                    backupEligible, backupState, aaguid, sourceOS, sourceBrowser);
        }
    }

    // ES256 first (every platform authenticator), RS256 for Windows Hello.
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    // What Corbado's Passkey.transport admits.
    private static final Set<String> TRANSPORTS = Set.of("usb", "nfc", "ble", "internal", "hybrid", "smart-card");
    private static final int PENDING_LIMIT = 10_000;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> challenges = new ConcurrentHashMap<>();
    // By credential id (base64url): what an assertion names.
    private final Map<String, Passkey> passkeys = new ConcurrentHashMap<>();
    private final Map<String, byte[]> userHandles = new ConcurrentHashMap<>();
    private final LocalWebAuthnConfig config;
    private final Set<Origin> origins;

    public LocalWebAuthn(LocalWebAuthnConfig config) {
        this.config = config;
        this.origins = config.origins().stream().map(String::trim).filter(o -> !o.isEmpty())
                .map(Origin::create).collect(Collectors.toUnmodifiableSet());
    }

    public String rpId() {
        return config.rpId();
    }

    /** The WebAuthn user handle this stand-in gives a Cognito username (Corbado's {@code userID}), base64url. */
    public String userId(String username) {
        return B64.encodeToString(userHandle(username));
    }

    /** PublicKeyCredentialCreationOptions (JSON form) for the user a passkey-append ConnectToken names. */
    public ObjectNode creationOptions(String username, String displayName, String processId) {
        byte[] userHandle = userHandle(username);
        String name = displayName == null || displayName.isBlank() ? username : displayName;
        String challenge = newChallenge(new Pending("append", username, name, userHandle, processId, expiry()));
        ObjectNode options = json.createObjectNode();
        options.putObject("rp").put("id", config.rpId()).put("name", "Passkey BFF (local Corbado)");
        options.putObject("user").put("id", B64.encodeToString(userHandle)).put("name", name).put("displayName", name);
        options.put("challenge", challenge);
        ArrayNode params = options.putArray("pubKeyCredParams");
        for (PublicKeyCredentialParameters p : ALGORITHMS) {
            params.addObject().put("type", "public-key").put("alg", p.getAlg().getValue());
        }
        options.put("timeout", config.challengeLifetime().toMillis());
        ArrayNode exclude = options.putArray("excludeCredentials");
        ownedBy(username).forEach(p -> exclude.addObject().put("type", "public-key").put("id", p.credentialId()));
        options.putObject("authenticatorSelection").put("residentKey", "required").put("requireResidentKey", true)
                .put("userVerification", "required");
        options.put("attestation", "none");
        return options;
    }

    /** Verifies a registration response (the credential's JSON form) and stores the passkey. */
    public Registered finishRegistration(String response, String processId, String userAgent) {
        RegistrationData data;
        try {
            data = manager.parseRegistrationResponseJSON(response);
        } catch (DataConversionException | IllegalArgumentException e) {
            throw new Refused(400, "invalid_request", "attestationResponse is not a registration response");
        }
        Pending pending = takeChallenge(data.getCollectedClientData(), "append", processId);
        try {
            manager.verify(data, new RegistrationParameters(serverProperty(data.getCollectedClientData()), ALGORITHMS,
                    true, true));
        } catch (VerificationException e) {
            throw refused(e);
        }
        var attestation = data.getAttestationObject();
        CredentialRecordImpl record = new CredentialRecordImpl(attestation, data.getCollectedClientData(),
                data.getClientExtensions(), data.getTransports());
        Passkey passkey = new Passkey("cre-" + HexFormat.of().formatHex(randomBytes(10)), pending.username(),
                pending.userHandle(), record, data, userAgent);
        if (passkeys.putIfAbsent(passkey.credentialId(), passkey) != null) {
            throw new Refused(400, "credential_exists", "this credential is already registered");
        }
        return new Registered(passkey.info(), pending.identifier());
    }

    /**
     * PublicKeyCredentialRequestOptions (JSON form) allowing only this user's passkeys; empty when the
     * user has none. {@code identifier} is what the user typed, handed back by the login's answer.
     */
    public Optional<ObjectNode> requestOptions(String username, String identifier, String processId) {
        List<Passkey> own = ownedBy(username);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        String challenge = newChallenge(new Pending("login", username, identifier, null, processId, expiry()));
        ObjectNode options = json.createObjectNode();
        options.put("challenge", challenge);
        options.put("rpId", config.rpId());
        options.put("timeout", config.challengeLifetime().toMillis());
        options.put("userVerification", "required");
        ArrayNode allow = options.putArray("allowCredentials");
        for (Passkey p : own) {
            ObjectNode credential = allow.addObject().put("type", "public-key").put("id", p.credentialId());
            p.transports.forEach(credential.putArray("transports")::add);
        }
        return Optional.of(options);
    }

    /** Verifies an assertion (the credential's JSON form) for the user its challenge was issued to. */
    public Asserted finishAssertion(String response, String processId) {
        AuthenticationData data;
        try {
            data = manager.parseAuthenticationResponseJSON(response);
        } catch (DataConversionException | IllegalArgumentException e) {
            throw new Refused(400, "invalid_request", "assertionResponse is not an authentication response");
        }
        Pending pending = takeChallenge(data.getCollectedClientData(), "login", processId);
        Passkey passkey = data.getCredentialId() == null ? null : passkeys.get(B64.encodeToString(data.getCredentialId()));
        if (passkey == null) {
            // Corbado answers 404 here; web-core 2 reads it as "passkey deleted".
            throw new Refused(404, "unknown_credential", "no passkey with this credential id");
        }
        if (!passkey.username.equals(pending.username())) {
            throw new Refused(400, "credential_not_allowed", "this passkey belongs to another user than the login");
        }
        // Connect passkeys are discoverable: the authenticator returns the user handle, and it must be the registered one.
        if (data.getUserHandle() == null || !MessageDigest.isEqual(data.getUserHandle(), passkey.userHandle)) {
            throw new Refused(400, "user_handle_mismatch", "user handle does not belong to this passkey");
        }
        synchronized (passkey) {
            try {
                manager.verify(data, new AuthenticationParameters(serverProperty(data.getCollectedClientData()),
                        passkey.record, null, true, true));
            } catch (VerificationException e) {
                throw refused(e);
            }
            passkey.record.setCounter(data.getAuthenticatorData().getSignCount());
            passkey.backupState = data.getAuthenticatorData().isFlagBS();
            passkey.lastUsedAt = Instant.now();
        }
        return new Asserted(passkey.info(), pending.identifier());
    }

    public List<PasskeyInfo> passkeysOf(String username) {
        return ownedBy(username).stream().map(Passkey::info).sorted(Comparator.comparing(PasskeyInfo::createdAt)).toList();
    }

    /**
     * Deletes a passkey of that user, named by its credential id or by its passkey id (connect-react
     * 0.2.4 sends the latter in the {@code credentialID} field); empty when the user has no such passkey.
     */
    public Optional<PasskeyInfo> delete(String username, String idOrCredentialId) {
        for (Passkey p : ownedBy(username)) {
            if ((p.credentialId().equals(idOrCredentialId) || p.id.equals(idOrCredentialId))
                    && passkeys.remove(p.credentialId(), p)) {
                return Optional.of(p.info());
            }
        }
        return Optional.empty();
    }

    private List<Passkey> ownedBy(String username) {
        return passkeys.values().stream().filter(p -> p.username.equals(username)).toList();
    }

    private byte[] userHandle(String username) {
        return userHandles.computeIfAbsent(username, u -> randomBytes(32));
    }

    private Instant expiry() {
        return Instant.now().plus(config.challengeLifetime());
    }

    private ServerProperty serverProperty(CollectedClientData clientData) {
        return new ServerProperty(origins, config.rpId(), new DefaultChallenge(clientData.getChallenge().getValue()));
    }

    private String newChallenge(Pending pending) {
        if (challenges.size() >= PENDING_LIMIT) {
            Instant now = Instant.now();
            challenges.values().removeIf(p -> p.expiresAt().isBefore(now));
        }
        String challenge = B64.encodeToString(randomBytes(32));
        challenges.put(challenge, pending);
        return challenge;
    }

    /** Single use: the challenge is gone whatever the outcome of the verification that follows. */
    private Pending takeChallenge(CollectedClientData clientData, String purpose, String processId) {
        if (clientData == null || clientData.getChallenge() == null) {
            throw new Refused(400, "invalid_challenge", "client data carries no challenge");
        }
        Pending pending = challenges.remove(B64.encodeToString(clientData.getChallenge().getValue()));
        if (pending == null || !pending.purpose().equals(purpose) || pending.expiresAt().isBefore(Instant.now())
                || !java.util.Objects.equals(pending.processId(), processId)) {
            throw new Refused(400, "invalid_challenge",
                    "challenge unknown, used, expired, of another ceremony or of another process");
        }
        return pending;
    }

    private static List<String> transports(Set<AuthenticatorTransport> transports) {
        return transports == null ? List.of() : transports.stream().map(AuthenticatorTransport::getValue)
                .filter(TRANSPORTS::contains).sorted().toList();
    }

    private static Refused refused(VerificationException e) {
        // BadOriginException -> bad_origin: which check failed, never the data itself.
        String name = e.getClass().getSimpleName().replaceFirst("Exception$", "");
        String check = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return new Refused(400, check, "WebAuthn verification failed: " + check);
    }

    private byte[] randomBytes(int length) {
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }
}
