package app.passkeybff.local;

import app.passkeybff.lambda.corbado.CorbadoCredentials;
import app.passkeybff.secrets.Secrets;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * State of the local Corbado Backend API stub: the project it serves (the credentials seeded into
 * the local SSM), the key it signs signedPasskeyData with, the single-use ledger, and a record of
 * what it was asked, so tests can check what the service and the triggers sent.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalCorbado {

    /** One ConnectToken request as the stub understood it, with the Authorization header as sent. */
    public record ConnectTokenCall(String projectId, boolean authorized, String type, String identifier,
                                   String displayName, String authorization) {
        @Override
        public String toString() {
            return "ConnectTokenCall[projectId=" + projectId + ", authorized=" + authorized + ", type=" + type + "]";
        }
    }

    /** One verifySignedData call and what the stub answered. */
    public record VerifyCall(String username, String result) {
    }

    private static final int RECORD_LIMIT = 1000;
    private final SecureRandom random = new SecureRandom();
    private final RsaJsonWebKey signingKey = newSigningKey();
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<VerifyCall> verifyCalls = new ConcurrentLinkedDeque<>();
    private final Secrets secrets;
    private final ConcurrentLinkedDeque<ConnectTokenCall> connectTokenCalls = new ConcurrentLinkedDeque<>();

    public LocalCorbado(Secrets secrets) {
        this.secrets = secrets;
    }

    /** The project's credentials: the local SSM is where this "Corbado project" keeps them. */
    Uni<CorbadoCredentials> project() {
        return secrets.get().map(Secrets.Loaded::corbado);
    }

    /** Constant-time check of a Basic header against the project's credentials. */
    static boolean authorized(String header, CorbadoCredentials project) {
        byte[] expected = project.basicAuthorization().getBytes(StandardCharsets.UTF_8);
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    static String projectIdOf(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    void record(ConnectTokenCall call) {
        connectTokenCalls.addLast(call);
        while (connectTokenCalls.size() > RECORD_LIMIT) {
            connectTokenCalls.pollFirst();
        }
    }

    /**
     * What the Corbado login component hands the frontend after a passkey ceremony: an RS256 JWT
     * with Corbado's claims. {@code webauthnId} is the Cognito username the login starts with.
     */
    public String mintSignedPasskeyData(String username, String webauthnId, long expiresInSeconds) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("https://local.frontendapi.corbado.io");
            claims.setSubject(randomId("usr-", 8));
            claims.setIssuedAtToNow();
            claims.setNotBeforeMinutesInThePast(1);
            claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + expiresInSeconds));
            claims.setJwtId(randomId("jti-", 12));
            claims.setClaim("processId", randomId("pro-", 8));
            claims.setClaim("username", username);
            claims.setClaim("credential", randomId("cred-", 16));
            claims.setClaim("challengeId", randomId("chl-", 12));
            claims.setClaim("webauthnId", webauthnId);
            claims.setClaim("isCUI", false);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(signingKey.getPrivateKey());
            jws.setKeyIdHeaderValue(signingKey.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Corbado's verification: signature, lifetime, single use, then the user. */
    String verify(String signedPasskeyData, String username) {
        String result = check(signedPasskeyData, username);
        verifyCalls.addLast(new VerifyCall(username, result));
        while (verifyCalls.size() > RECORD_LIMIT) {
            verifyCalls.pollFirst();
        }
        return result;
    }

    private String check(String signedPasskeyData, String username) {
        JwtClaims claims;
        try {
            claims = new JwtConsumerBuilder().setVerificationKey(signingKey.getPublicKey())
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setSkipDefaultAudienceValidation().setRequireJwtId().setRequireExpirationTime()
                    .setSkipAllValidators()
                    .build().processToClaims(signedPasskeyData);
        } catch (InvalidJwtException e) {
            return "invalid_signature";
        }
        try {
            NumericDate now = NumericDate.now();
            if (claims.getExpirationTime().isBefore(now)
                    || (claims.getNotBefore() != null && now.isBefore(claims.getNotBefore()))) {
                return "invalid_challenge";
            }
            if (!usedJtis.add(claims.getJwtId())) {
                return "invalid_challenge";
            }
            return username.equals(claims.getStringClaimValue("username")) ? "success" : "user_mismatch";
        } catch (MalformedClaimException e) {
            return "invalid_signature";
        }
    }

    public List<VerifyCall> verifyCalls() {
        return List.copyOf(verifyCalls);
    }

    private static RsaJsonWebKey newSigningKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("local-corbado-1");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ConnectTokenCall> connectTokenCalls() {
        return List.copyOf(connectTokenCalls);
    }

    public ConnectTokenCall lastConnectTokenCall() {
        return connectTokenCalls.peekLast();
    }

    String randomId(String prefix, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return prefix + HexFormat.of().formatHex(value);
    }

    CorbadoError error(int status, String type, String message, List<CorbadoError.Validation> validation) {
        String requestId = randomId("req-", 8);
        return new CorbadoError(status, message,
                new CorbadoError.RequestData(requestId, "https://app.corbado.com/requests/" + requestId), 0.002,
                new CorbadoError.Error(type, message, validation, List.of()));
    }
}
