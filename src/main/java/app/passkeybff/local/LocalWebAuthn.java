package app.passkeybff.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The relying-party side of a passkey ceremony, as Corbado's Frontend API performs it for its
 * components: registration with a {@code passkey-append} ConnectToken, discoverable login that ends
 * in signedPasskeyData. Attestation and assertion are verified by webauthn4j (origin, RP ID, challenge,
 * signature, user verification, signature counter); challenges are single use and short-lived, the user
 * handle must be the one the passkey was registered with. Dev and test builds only.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalWebAuthn {

    /** A refused step; {@code type} is the Corbado-style error type the stub answers with. */
    public static final class Refused extends RuntimeException {
        private final String type;

        Refused(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** A registered passkey as the management component shows it. */
    public record PasskeyInfo(String id, String username, Instant createdAt, Instant lastUsedAt, long signCount) {
    }

    private record Pending(String purpose, String username, String displayName, byte[] userHandle, Instant expiresAt) {
    }

    private static final class Passkey {
        final String id;
        final String username;
        final byte[] userHandle;
        final CredentialRecordImpl record;
        final Instant createdAt;
        Instant lastUsedAt;

        Passkey(String id, String username, byte[] userHandle, CredentialRecordImpl record) {
            this.id = id;
            this.username = username;
            this.userHandle = userHandle;
            this.record = record;
            this.createdAt = Instant.now();
        }

        synchronized PasskeyInfo info() {
            return new PasskeyInfo(id, username, createdAt, lastUsedAt, record.getCounter());
        }
    }

    // ES256 first (every platform authenticator), RS256 for Windows Hello.
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    private static final int PENDING_LIMIT = 10_000;
    private static final long SIGNED_PASSKEY_DATA_LIFETIME_SECONDS = 300;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> challenges = new ConcurrentHashMap<>();
    private final Map<String, Passkey> passkeys = new ConcurrentHashMap<>();
    private final Map<String, byte[]> userHandles = new ConcurrentHashMap<>();
    private final LocalWebAuthnConfig config;
    private final LocalCorbado corbado;
    private final Set<Origin> origins;

    public LocalWebAuthn(LocalWebAuthnConfig config, LocalCorbado corbado) {
        this.config = config;
        this.corbado = corbado;
        this.origins = config.origins().stream().map(String::trim).filter(o -> !o.isEmpty())
                .map(Origin::create).collect(Collectors.toUnmodifiableSet());
    }

    /** PublicKeyCredentialCreationOptions (JSON form) for the user a passkey-append ConnectToken names. */
    public ObjectNode registrationOptions(LocalConnectTokens.Issued token) {
        String username = token.identifier();
        byte[] userHandle = userHandles.computeIfAbsent(username, u -> randomBytes(32));
        String challenge = newChallenge(new Pending("append", username, token.displayName(), userHandle,
                Instant.now().plus(config.challengeLifetime())));
        ObjectNode options = json.createObjectNode();
        options.putObject("rp").put("id", config.rpId()).put("name", "Passkey BFF (local Corbado)");
        String displayName = token.displayName() == null ? username : token.displayName();
        options.putObject("user").put("id", B64.encodeToString(userHandle)).put("name", displayName)
                .put("displayName", displayName);
        options.put("challenge", challenge);
        ArrayNode params = options.putArray("pubKeyCredParams");
        for (PublicKeyCredentialParameters p : ALGORITHMS) {
            params.addObject().put("type", "public-key").put("alg", p.getAlg().getValue());
        }
        options.put("timeout", config.challengeLifetime().toMillis());
        ArrayNode exclude = options.putArray("excludeCredentials");
        passkeys.values().stream().filter(p -> p.username.equals(username))
                .forEach(p -> exclude.addObject().put("type", "public-key").put("id", p.id));
        options.putObject("authenticatorSelection").put("residentKey", "required").put("requireResidentKey", true)
                .put("userVerification", "required");
        options.put("attestation", "none");
        return options;
    }

    /** Verifies a registration response (PublicKeyCredential.toJSON()) and stores the passkey. */
    public PasskeyInfo finishRegistration(String response) {
        RegistrationData data;
        try {
            data = manager.parseRegistrationResponseJSON(response);
        } catch (DataConversionException | IllegalArgumentException e) {
            throw new Refused("invalid_request", "attestation response is not a registration response");
        }
        Pending pending = takeChallenge(data.getCollectedClientData(), "append");
        ServerProperty server = new ServerProperty(origins, config.rpId(),
                new DefaultChallenge(data.getCollectedClientData().getChallenge().getValue()));
        try {
            manager.verify(data, new RegistrationParameters(server, ALGORITHMS, true, true));
        } catch (VerificationException e) {
            throw refused(e);
        }
        var attestation = data.getAttestationObject();
        byte[] credentialId = attestation.getAuthenticatorData().getAttestedCredentialData().getCredentialId();
        String id = B64.encodeToString(credentialId);
        CredentialRecordImpl record = new CredentialRecordImpl(attestation, data.getCollectedClientData(),
                data.getClientExtensions(), data.getTransports());
        Passkey passkey = new Passkey(id, pending.username(), pending.userHandle(), record);
        if (passkeys.putIfAbsent(id, passkey) != null) {
            throw new Refused("credential_exists", "this credential is already registered");
        }
        return passkey.info();
    }

    /** PublicKeyCredentialRequestOptions (JSON form) for a discoverable login: no user named up front. */
    public ObjectNode assertionOptions() {
        String challenge = newChallenge(new Pending("login", null, null, null,
                Instant.now().plus(config.challengeLifetime())));
        ObjectNode options = json.createObjectNode();
        options.put("challenge", challenge);
        options.put("rpId", config.rpId());
        options.put("timeout", config.challengeLifetime().toMillis());
        options.put("userVerification", "required");
        options.putArray("allowCredentials");
        return options;
    }

    /**
     * Verifies an assertion (PublicKeyCredential.toJSON()) and answers the signedPasskeyData the
     * Corbado login component hands the frontend: {@code webauthnId} is the Cognito username the
     * passkey was registered for.
     */
    public String finishAssertion(String response) {
        AuthenticationData data;
        try {
            data = manager.parseAuthenticationResponseJSON(response);
        } catch (DataConversionException | IllegalArgumentException e) {
            throw new Refused("invalid_request", "assertion response is not an authentication response");
        }
        takeChallenge(data.getCollectedClientData(), "login");
        Passkey passkey = data.getCredentialId() == null ? null : passkeys.get(B64.encodeToString(data.getCredentialId()));
        if (passkey == null) {
            throw new Refused("unknown_credential", "no passkey with this credential id");
        }
        // A discoverable login names its user only through the user handle: it must be the registered one.
        if (data.getUserHandle() == null || !MessageDigest.isEqual(data.getUserHandle(), passkey.userHandle)) {
            throw new Refused("user_handle_mismatch", "user handle does not belong to this passkey");
        }
        ServerProperty server = new ServerProperty(origins, config.rpId(),
                new DefaultChallenge(data.getCollectedClientData().getChallenge().getValue()));
        synchronized (passkey) {
            try {
                manager.verify(data, new AuthenticationParameters(server, passkey.record, null, true, true));
            } catch (VerificationException e) {
                throw refused(e);
            }
            passkey.record.setCounter(data.getAuthenticatorData().getSignCount());
            passkey.lastUsedAt = Instant.now();
        }
        return corbado.mintSignedPasskeyData(passkey.username, passkey.username, SIGNED_PASSKEY_DATA_LIFETIME_SECONDS);
    }

    public List<PasskeyInfo> passkeysOf(String username) {
        return passkeys.values().stream().filter(p -> p.username.equals(username)).map(Passkey::info)
                .sorted(Comparator.comparing(PasskeyInfo::createdAt)).toList();
    }

    /** Deletes a passkey of that user; false when the user has none with this id. */
    public boolean delete(String username, String passkeyId) {
        Passkey passkey = passkeyId == null ? null : passkeys.get(passkeyId);
        return passkey != null && passkey.username.equals(username) && passkeys.remove(passkeyId, passkey);
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
    private Pending takeChallenge(CollectedClientData clientData, String purpose) {
        if (clientData == null || clientData.getChallenge() == null) {
            throw new Refused("invalid_challenge", "client data carries no challenge");
        }
        Pending pending = challenges.remove(B64.encodeToString(clientData.getChallenge().getValue()));
        if (pending == null || !pending.purpose().equals(purpose) || pending.expiresAt().isBefore(Instant.now())) {
            throw new Refused("invalid_challenge", "challenge unknown, used, expired or of another ceremony");
        }
        return pending;
    }

    private static Refused refused(VerificationException e) {
        // BadOriginException -> bad_origin: which check failed, never the data itself.
        String name = e.getClass().getSimpleName().replaceFirst("Exception$", "");
        String type = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        return new Refused(type, "WebAuthn verification failed: " + type);
    }

    private byte[] randomBytes(int length) {
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }
}
