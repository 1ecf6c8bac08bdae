package app.passkeybff.lambda;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Plays Corbado's Frontend API for tests of code that runs without the service: an RSA key, its JWK set
 * document as {@code /.well-known/jwks} serves it, and signedPasskeyData signed with it (Corbado's claims;
 * each test changes what it needs).
 */
public final class PasskeyDataSigner {

    private final KeyPair key;
    private final String kid;

    public PasskeyDataSigner(String kid) {
        this.kid = kid;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.key = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwks() {
        RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64.encodeToString(unsigned(rsa.getModulus().toByteArray())) + "\",\"e\":\""
                + b64.encodeToString(unsigned(rsa.getPublicExponent().toByteArray())) + "\"}]}";
    }

    /** Data for {@code webauthnId} of project {@code projectId}, issued at {@code now}, valid 5 minutes. */
    public String sign(String projectId, String webauthnId, Instant now) {
        return sign(projectId, webauthnId, now, builder -> builder);
    }

    public String sign(String projectId, String webauthnId, Instant now, UnaryOperator<JWTCreator.Builder> change) {
        JWTCreator.Builder builder = JWT.create().withKeyId(kid).withIssuer(projectId).withSubject("usr-1")
                .withIssuedAt(now).withNotBefore(now).withExpiresAt(now.plusSeconds(300)).withJWTId("jti-" + now.toEpochMilli())
                .withClaim("processId", "pro-process").withClaim("username", webauthnId)
                .withClaim("credential", "cred-1").withClaim("challengeId", "chl-1")
                .withClaim("webauthnId", webauthnId).withClaim("isCUI", false);
        return change.apply(builder).sign(Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate()));
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }
}
