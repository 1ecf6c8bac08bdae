package app.passkeybff.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The token pool both sides of bench/token-verification.sh verify: distinct RS256 (2048-bit) Cognito ID
 * tokens with the claims, claim order and kid shape of a real pool's, and the pool's public JWKS. One
 * file, read by the JMH benchmark and by the aws-jwt-verify script, so both verify the very same bytes.
 * {@code java ... app.passkeybff.bench.BenchTokens <file> [count]} writes it.
 */
public record BenchTokens(String issuer, String clientId, String jwks, List<String> tokens) {

    static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Bench4Pool";
    static final String CLIENT = "4l5e1m4qgh1sdvc1a5hq2vn9ma";
    /** Cognito kids are base64 SHA-256 thumbprints. */
    static final String KID = "bCr2Nw4cdyeu1nMbNbM0C9pYQlW2TAdFXMmfwCpQzL0=";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static BenchTokens generate(int count) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(KID);
            key.setAlgorithm("RS256");
            key.setUse("sig");
            String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            long now = System.currentTimeMillis() / 1000;
            List<String> tokens = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String sub = UUID.randomUUID().toString();
                // Cognito's own claim order and shapes.
                Map<String, Object> claims = new LinkedHashMap<>();
                claims.put("sub", sub);
                claims.put("email_verified", true);
                claims.put("iss", ISSUER);
                claims.put("cognito:username", sub);
                claims.put("origin_jti", UUID.randomUUID().toString());
                claims.put("aud", CLIENT);
                claims.put("event_id", UUID.randomUUID().toString());
                claims.put("token_use", "id");
                claims.put("auth_time", now);
                claims.put("exp", now + 3 * 3600);
                claims.put("iat", now);
                claims.put("jti", UUID.randomUUID().toString());
                claims.put("email", "user" + i + "@example.com");
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(JSON.writeValueAsString(claims));
                jws.setKey(key.getPrivateKey());
                jws.setKeyIdHeaderValue(KID);
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
                tokens.add(jws.getCompactSerialization());
            }
            return new BenchTokens(ISSUER, CLIENT, jwks, tokens);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static BenchTokens read(Path file) throws IOException {
        Map<?, ?> pool = JSON.readValue(file.toFile(), Map.class);
        @SuppressWarnings("unchecked")
        List<String> tokens = (List<String>) pool.get("tokens");
        return new BenchTokens((String) pool.get("issuer"), (String) pool.get("clientId"),
                JSON.writeValueAsString(pool.get("jwks")), tokens);
    }

    /** From {@code -Dbench.tokens=<file>} when given (the script's shared pool), else a fresh pool. */
    public static BenchTokens fromPropertyOrGenerate(int count) throws IOException {
        String file = System.getProperty("bench.tokens");
        return file == null ? generate(count) : read(Path.of(file));
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        BenchTokens pool = generate(args.length > 1 ? Integer.parseInt(args[1]) : 2000);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("issuer", pool.issuer());
        out.put("clientId", pool.clientId());
        out.put("jwks", JSON.readValue(pool.jwks(), Map.class));
        out.put("tokens", pool.tokens());
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), out);
        System.out.println("wrote " + pool.tokens().size() + " tokens (" + pool.tokens().get(0).length() + " chars each) to " + file);
    }
}
