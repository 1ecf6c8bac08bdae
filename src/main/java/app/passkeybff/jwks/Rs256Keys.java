package app.passkeybff.jwks;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys of a JWK set that may verify RS256 signatures, by {@code kid}: the one reading of a key set
 * for both the user pool's (ID tokens) and Corbado's Frontend API's (signedPasskeyData).
 */
public final class Rs256Keys {

    private Rs256Keys() {
    }

    /** RSA keys whose {@code alg} is RS256 or absent and whose {@code use} is sig or absent; a key without kid cannot be chosen. */
    public static Map<String, RSAPublicKey> of(String jwksDocument) {
        try {
            Map<String, RSAPublicKey> keys = new HashMap<>();
            for (JsonWebKey jwk : new JsonWebKeySet(jwksDocument).getJsonWebKeys()) {
                boolean rs256 = jwk.getAlgorithm() == null || AlgorithmIdentifiers.RSA_USING_SHA256.equals(jwk.getAlgorithm());
                boolean signing = jwk.getUse() == null || "sig".equals(jwk.getUse());
                if (jwk instanceof RsaJsonWebKey rsa && rs256 && signing && jwk.getKeyId() != null) {
                    keys.put(jwk.getKeyId(), rsa.getRsaPublicKey());
                }
            }
            return Map.copyOf(keys);
        } catch (JoseException e) {
            throw new IllegalStateException("not a JWK set", e);
        }
    }
}
