package app.passkeybff.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A platform authenticator in software for service tests without a browser: one ES256 discoverable
 * credential, "none" attestation, user present and verified, a signature counter. Every field a test
 * may want to falsify (origin, RP ID, counter, user handle, flags) is a parameter. The browser test
 * does the same with Chromium's virtual authenticator.
 */
public final class SoftAuthenticator {

    public static final String ORIGIN = "http://localhost:5173";
    private static final byte UP = 0x01;
    private static final byte UV = 0x04;
    private static final byte AT = 0x40;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectConverter converter = new ObjectConverter();
    private final KeyPair key;
    private final byte[] credentialId = new byte[16];
    private byte[] userHandle;
    private long counter;

    public SoftAuthenticator() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            key = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    public String credentialId() {
        return B64.encodeToString(credentialId);
    }

    public byte[] userHandle() {
        return userHandle;
    }

    public void counter(long value) {
        counter = value;
    }

    /** navigator.credentials.create(): the credential's toJSON() for these creation options. */
    public ObjectNode create(JsonNode publicKey) {
        return create(publicKey, ORIGIN, publicKey.path("rp").path("id").asText());
    }

    public ObjectNode create(JsonNode publicKey, String origin, String rpId) {
        userHandle = B64D.decode(publicKey.path("user").path("id").asText());
        byte[] clientData = clientData("webauthn.create", publicKey.path("challenge").asText(), origin);
        var attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) key.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> authData =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte) (UP | UV | AT), counter, attested);
        byte[] attestationObject = new AttestationObjectConverter(converter)
                .convertToBytes(new AttestationObject(authData, new NoneAttestationStatement()));
        ObjectNode credential = credential();
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("attestationObject", B64.encodeToString(attestationObject));
        response.putArray("transports").add("internal");
        return credential;
    }

    /** navigator.credentials.get(): the assertion's toJSON() for these request options. */
    public ObjectNode get(JsonNode publicKey) {
        return get(publicKey, ORIGIN, publicKey.path("rpId").asText(), UP | UV, userHandle);
    }

    public ObjectNode get(JsonNode publicKey, String origin, String rpId, int flags, byte[] handle) {
        counter++;
        byte[] clientData = clientData("webauthn.get", publicKey.path("challenge").asText(), origin);
        byte[] authData = new AuthenticatorDataConverter(converter).convert(
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) flags, counter));
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key.getPrivate());
            signer.update(authData);
            signer.update(sha256(clientData));
            signature = signer.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ObjectNode credential = credential();
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("authenticatorData", B64.encodeToString(authData));
        response.put("signature", B64.encodeToString(signature));
        if (handle != null) {
            response.put("userHandle", B64.encodeToString(handle));
        }
        return credential;
    }

    private ObjectNode credential() {
        ObjectNode credential = json.createObjectNode();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("authenticatorAttachment", "platform");
        credential.putObject("clientExtensionResults");
        return credential;
    }

    private byte[] clientData(String type, String challenge, String origin) {
        ObjectNode data = json.createObjectNode().put("type", type).put("challenge", challenge).put("origin", origin)
                .put("crossOrigin", false);
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
