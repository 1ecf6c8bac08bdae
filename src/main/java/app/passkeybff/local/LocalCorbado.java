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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
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
 * State of the local Corbado stub: the project it serves (the credentials seeded into the local
 * SSM), the Frontend API key that signs signedPasskeyData (kid {@value #KEY_ID}, published as the
 * key set at {@code /local/corbado-frontend/.well-known/jwks}), the single-use ledger, and a record
 * of what it was asked, so tests can check what the service and the triggers sent. Anything that
 * issues signedPasskeyData locally (the dev mint endpoint, the Frontend API stand-in) signs through
 * {@link #issueSignedPasskeyData}, {@link #mintSignedPasskeyData} or {@link #sign}.
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

    /** The {@code kid} of the stub's Frontend API signing key. */
    public static final String KEY_ID = "local-corbado-1";
    private static final int RECORD_LIMIT = 1000;
    private final SecureRandom random = new SecureRandom();
    private final RsaJsonWebKey signingKey = newSigningKey();
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<VerifyCall> verifyCalls = new ConcurrentLinkedDeque<>();
    private final Secrets secrets;
    private final ConcurrentLinkedDeque<ConnectTokenCall> connectTokenCalls = new ConcurrentLinkedDeque<>();
    private final AtomicInteger keySetFetches = new AtomicInteger();
    // Counted apart from the bounded records: "Corbado was not called" must stay provable after any number of calls.
    private final AtomicLong connectTokenCallCount = new AtomicLong();
    private final AtomicLong verifyCallCount = new AtomicLong();

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
        connectTokenCallCount.incrementAndGet();
        connectTokenCalls.addLast(call);
        while (connectTokenCalls.size() > RECORD_LIMIT) {
            connectTokenCalls.pollFirst();
        }
    }

    /**
     * What the Corbado login component hands the frontend after a passkey ceremony: an RS256 JWT
     * with Corbado's claims, issued by the project. {@code username} is the Cognito username the
     * passkey belongs to; {@code webauthnId} the one the login starts with (normally the same).
     */
    public Uni<String> issueSignedPasskeyData(String username, String webauthnId, long expiresInSeconds) {
        return project().map(project -> sign(passkeyClaims(project.projectId(), username, webauthnId, expiresInSeconds)));
    }

    /**
     * What the Frontend API issues after a verified passkey login, for callers that run once the project's
     * secrets are loaded: the claims name the passkey's credential id and the connect process.
     */
    public String mintSignedPasskeyData(String username, String credentialId, String processId, long expiresInSeconds) {
        String projectId = secrets.current().orElseThrow(() -> new IllegalStateException("Corbado project not loaded yet"))
                .corbado().projectId();
        JwtClaims claims = passkeyClaims(projectId, username, username, expiresInSeconds);
        claims.setClaim("credential", credentialId);
        claims.setClaim("processId", processId);
        return sign(claims);
    }

    /** Corbado's signedPasskeyData claims ({@code iss} = the project id). */
    public JwtClaims passkeyClaims(String projectId, String username, String webauthnId, long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(projectId);
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
        return claims;
    }

    /** Signs claims as the Frontend API does: RS256 with the key named {@value #KEY_ID}. */
    public String sign(JwtClaims claims) {
        try {
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

    /** The signing key itself, for tests that forge data with the right key but a wrong header. */
    public RsaJsonWebKey signingKey() {
        return signingKey;
    }

    /** The Frontend API key set: the public half of the signing key. */
    public String keySetJson() {
        keySetFetches.incrementAndGet();
        return new JsonWebKeySet(signingKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** How often the key set was fetched. */
    public int keySetFetches() {
        return keySetFetches.get();
    }

    /** Corbado's verification: signature, lifetime, single use, then the user. */
    String verify(String signedPasskeyData, String username) {
        String result = check(signedPasskeyData, username);
        verifyCallCount.incrementAndGet();
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

    /** Every verifySignedData call since start, however many the bounded record keeps. */
    public long verifyCallCount() {
        return verifyCallCount.get();
    }

    /** Every ConnectToken request since start (authorized or not), however many the bounded record keeps. */
    public long connectTokenCallCount() {
        return connectTokenCallCount.get();
    }

    private static RsaJsonWebKey newSigningKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(KEY_ID);
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
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
        return error(status, type, message, message, validation);
    }

    /** Corbado's error body; {@code details} says more than the message where there is more to say. */
    public CorbadoError error(int status, String type, String message, String details,
                              List<CorbadoError.Validation> validation) {
        String requestId = randomId("req-", 8);
        return new CorbadoError(status, message,
                new CorbadoError.RequestData(requestId, "https://app.corbado.com/requests/" + requestId), 0.002,
                new CorbadoError.Error(type, details, validation, List.of()));
    }
}
