package app.passkeybff.lambda.jwks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys of a JWK set (RFC 7517) that may verify RS256 signatures, by {@code kid}: the one reading of a
 * key set for the user pool's (ID tokens), Corbado's Frontend API's (signedPasskeyData) in the service,
 * and the latter again in the verify trigger. Jackson and the JDK's {@link KeyFactory} only, so the
 * Lambda jar needs nothing more.
 */
public final class Rs256Keys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rs256Keys() {
    }

    /**
     * RSA keys ({@code kty} RSA) whose {@code alg} is RS256 or absent and whose {@code use} is sig or absent;
     * a key without kid cannot be chosen, and a key that cannot be read is skipped.
     *
     * @throws IllegalStateException when the document is not a JWK set at all
     */
    public static Map<String, RSAPublicKey> of(String jwksDocument) {
        JsonNode keys;
        try {
            keys = JSON.readTree(jwksDocument).get("keys");
        } catch (Exception e) {
            throw new IllegalStateException("not a JWK set");
        }
        if (keys == null || !keys.isArray()) {
            throw new IllegalStateException("not a JWK set");
        }
        Map<String, RSAPublicKey> byKid = new HashMap<>();
        for (JsonNode jwk : keys) {
            String kid = text(jwk, "kid");
            String alg = text(jwk, "alg");
            String use = text(jwk, "use");
            boolean rs256 = alg == null || "RS256".equals(alg);
            boolean signing = use == null || "sig".equals(use);
            if ("RSA".equals(text(jwk, "kty")) && kid != null && rs256 && signing) {
                RSAPublicKey key = rsa(text(jwk, "n"), text(jwk, "e"));
                if (key != null) {
                    byKid.put(kid, key);
                }
            }
        }
        return Map.copyOf(byKid);
    }

    private static RSAPublicKey rsa(String modulus, String exponent) {
        if (modulus == null || exponent == null) {
            return null;
        }
        try {
            Base64.Decoder base64url = Base64.getUrlDecoder();
            var spec = new RSAPublicKeySpec(new BigInteger(1, base64url.decode(modulus)), new BigInteger(1, base64url.decode(exponent)));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
