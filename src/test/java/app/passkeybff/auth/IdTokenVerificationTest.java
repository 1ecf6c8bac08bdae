package app.passkeybff.auth;

import app.passkeybff.problem.ProblemException;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of ID-token verification, one claim or key at a time, on {@link CachingJwtParser} with a key
 * set served from memory (the HTTP path, the 401 problem details and key rotation against the emulator are
 * ConnectTokenResourceTest's and CredentialRotationTest's, not blocking the event loop JwksFetchTest's).
 * Every refusal must be a {@link ParseException}, which Quarkus turns into 401 {@code invalid_token}: never
 * another exception (a 500). A synchronous key-set source completes its fetch in the caller's thread; an
 * asynchronous one shows a token waiting for the fetch without blocking.
 */
class IdTokenVerificationTest {

    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_unit";
    private static final String CLIENT = "unitclient";
    private static final RsaJsonWebKey KEY = rsaKey("k1");
    private static final RsaJsonWebKey OTHER_KEY = rsaKey("k2");

    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String jwks = publicSet(KEY);
    /** The key set's clock (nanoseconds), moved by the tests: no test waits for a max age or a retry pause to pass. */
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);

    private PoolKeys keys(Duration maxAge) {
        return new PoolKeys(() -> {
            fetches.incrementAndGet();
            return jwks == null ? CompletableFuture.failedFuture(new IllegalStateException("JWKS unreachable"))
                    : CompletableFuture.completedFuture(jwks);
        }, "memory", maxAge, PoolKeys.UNKNOWN_KID_REFETCH, null, null, clock::get);
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    private final CachingJwtParser parser = new CachingJwtParser(ISSUER, CLIENT, keys(Duration.ofMinutes(5)), 16,
            Duration.ofMinutes(5));

    private static RsaJsonWebKey rsaKey(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicSet(RsaJsonWebKey key) {
        return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** A Cognito ID token's claims, changed by {@code change}, signed RS256 with {@link #KEY}. */
    private static String token(Consumer<JwtClaims> change) {
        return sign(change, KEY, KEY.getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    private static String sign(Consumer<JwtClaims> change, RsaJsonWebKey key, String kid, String alg) {
        try {
            JwtClaims claims = new JwtClaims();
            // A Cognito user's sub is its id, not its username: the two differ, so reading the wrong one fails.
            claims.setSubject(UUID.randomUUID().toString());
            claims.setClaim("email_verified", true);
            claims.setIssuer(ISSUER);
            claims.setClaim("cognito:username", "user-" + UUID.randomUUID());
            claims.setAudience(CLIENT);
            claims.setClaim("token_use", "id");
            claims.setClaim("auth_time", now());
            claims.setIssuedAt(NumericDate.fromSeconds(now()));
            claims.setExpirationTime(NumericDate.fromSeconds(now() + 3600));
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setClaim("email", "user@example.com");
            change.accept(claims);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(kid);
            jws.setAlgorithmHeaderValue(alg);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRefused(String token) {
        assertThrows(ParseException.class, () -> parser.parse(token));
    }

    @Test
    void acceptsCognitoIdTokenWithItsClaimsAsJavaValues() throws Exception {
        String raw = token(claims -> { });
        JsonWebToken token = parser.parse(raw);
        IdTokenUser user = IdTokenUser.from(token);
        assertEquals(token.getClaim("cognito:username"), user.username());
        assertNotEquals(token.getSubject(), user.username(), "the user is cognito:username, not sub");
        assertEquals("user@example.com", user.displayName());
        assertEquals(Boolean.TRUE, token.getClaim("email_verified"));
        assertTrue(token.getExpirationTime() > now());
        assertTrue(token.<Object>getClaim("auth_time") instanceof Long);
        assertEquals(Set.of(CLIENT), token.getAudience());
        assertEquals(Set.of(), token.getGroups());
        assertEquals(token.getSubject(), token.getName());
        assertEquals(raw, token.getRawToken());
        assertFalse(token.toString().contains(raw.substring(raw.lastIndexOf('.') + 1)));
        assertTrue(token.getClaimNames().containsAll(Set.of("cognito:username", "token_use", "raw_token")));
    }

    @Test
    void rejectsIdTokenWithoutCognitoUsername() {
        assertRefused(token(claims -> claims.unsetClaim("cognito:username")));
    }

    @Test
    void rejectsIdTokenWithoutTokenUse() {
        assertRefused(token(claims -> claims.unsetClaim("token_use")));
    }

    @Test
    void rejectsAccessTokenUseThroughIdTokenUser() throws Exception {
        JsonWebToken token = parser.parse(token(claims -> claims.setClaim("token_use", "access")));
        assertThrows(ProblemException.class, () -> IdTokenUser.from(token));
    }

    @Test
    void rejectsIdTokenWithoutExpiry() {
        assertRefused(token(claims -> claims.unsetClaim("exp")));
    }

    @Test
    void rejectsIdTokenWithoutIssuedAt() {
        assertRefused(token(claims -> claims.unsetClaim("iat")));
    }

    @Test
    void acceptsExpiryWithinTheClockSkewOnly() throws Exception {
        parser.parse(token(claims -> claims.setExpirationTime(NumericDate.fromSeconds(now() - 10))));
        assertRefused(token(claims -> claims.setExpirationTime(NumericDate.fromSeconds(now() - 60))));
    }

    @Test
    void rejectsIdTokenNotYetValidBeyondTheClockSkew() throws Exception {
        parser.parse(token(claims -> claims.setNotBefore(NumericDate.fromSeconds(now() + 10))));
        assertRefused(token(claims -> claims.setNotBefore(NumericDate.fromSeconds(now() + 120))));
    }

    @Test
    void rejectsIdTokenIssuedInTheFuture() {
        assertRefused(token(claims -> claims.setIssuedAt(NumericDate.fromSeconds(now() + 120))));
    }

    @Test
    void rejectsAbsurdAndNonNumericDates() {
        assertRefused(token(claims -> claims.setClaim("exp", Long.MAX_VALUE)));
        assertRefused(token(claims -> claims.setClaim("iat", Long.MIN_VALUE)));
        assertRefused(token(claims -> claims.setClaim("exp", "tomorrow")));
        assertRefused(token(claims -> claims.setClaim("exp", 1.0e300)));
    }

    @Test
    void rejectsWrongIssuerAndAudience() {
        assertRefused(token(claims -> claims.setIssuer(ISSUER + "x")));
        assertRefused(token(claims -> claims.setAudience("another-client")));
    }

    @Test
    void rejectsOtherAlgorithmsWithThePoolKey() {
        assertRefused(sign(claims -> { }, KEY, KEY.getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA384));
        assertRefused(sign(claims -> { }, KEY, KEY.getKeyId(), AlgorithmIdentifiers.RSA_PSS_USING_SHA256));
    }

    @Test
    void rejectsGarbage() {
        assertRefused(null);
        assertRefused("");
        assertRefused("a.b.c");
        assertRefused("not-a-jwt");
        String valid = token(claims -> { });
        assertRefused(valid.substring(0, valid.length() - 4) + "AAAA");
    }

    @Test
    void rejectsUnknownKidAndFetchesTheKeySetAgainAtMostEvery30Seconds() throws Exception {
        parser.parse(token(claims -> { }));
        assertEquals(1, fetches.get());
        for (int i = 0; i < 20; i++) {
            assertRefused(sign(claims -> { }, KEY, "forged-" + i, AlgorithmIdentifiers.RSA_USING_SHA256));
            advance(Duration.ofSeconds(1));
        }
        assertRefused(sign(claims -> { }, OTHER_KEY, OTHER_KEY.getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256));
        assertEquals(1, fetches.get(), "unknown kids within 30 s of a fetch fetch nothing");
        advance(PoolKeys.UNKNOWN_KID_REFETCH.minusSeconds(20));
        assertRefused(sign(claims -> { }, KEY, "forged-late", AlgorithmIdentifiers.RSA_USING_SHA256));
        assertEquals(2, fetches.get(), "30 s after the last fetch an unknown kid fetches once");
        assertRefused(sign(claims -> { }, KEY, "forged-later", AlgorithmIdentifiers.RSA_USING_SHA256));
        assertEquals(2, fetches.get());
    }

    @Test
    void keySetOlderThanItsMaxAgeIsFetchedAgainAndARemovedKeyStopsVerifyingCachedTokens() throws Exception {
        Duration maxAge = Duration.ofMinutes(5);
        CachingJwtParser parser = new CachingJwtParser(ISSUER, CLIENT, keys(maxAge), 16, Duration.ofMinutes(5));
        String token = token(claims -> { });
        assertNotNull(parser.parse(token));
        advance(maxAge.minusSeconds(1));
        assertNotNull(parser.parse(token)); // from the cache, the set still in force
        assertEquals(1, fetches.get());
        jwks = publicSet(OTHER_KEY); // the pool rotated: KEY is gone
        advance(Duration.ofSeconds(1));
        assertThrows(ParseException.class, () -> parser.parse(token), "a cached token outlives no key set");
        assertEquals(2, fetches.get());
        parser.parse(sign(claims -> { }, OTHER_KEY, OTHER_KEY.getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256));
    }

    /** A key set whose fetches the test completes by hand: each fetch is the next of {@code fetches}. */
    private PoolKeys asyncKeys(java.util.List<CompletableFuture<String>> pending, Duration unknownKidRefetch) {
        return new PoolKeys(() -> {
            CompletableFuture<String> fetch = new CompletableFuture<>();
            pending.add(fetch);
            return fetch;
        }, "test", Duration.ofMinutes(5), unknownKidRefetch, null, null, clock::get);
    }

    @Test
    void tokensNeedingTheKeySetShareOneFetchAndWaitForItWithoutBlocking() throws Exception {
        java.util.List<CompletableFuture<String>> fetches = new java.util.concurrent.CopyOnWriteArrayList<>();
        CachingJwtParser parser = new CachingJwtParser(ISSUER, CLIENT, asyncKeys(fetches, PoolKeys.UNKNOWN_KID_REFETCH),
                16, Duration.ofMinutes(5));
        String first = token(claims -> { });
        String second = token(claims -> { });
        assertThrows(PoolKeys.FetchFirst.class, () -> parser.verifyHeld(first));
        CompletableFuture<JsonWebToken> firstVerified = parser.verifyAfterFetch(first).subscribeAsCompletionStage();
        CompletableFuture<JsonWebToken> secondVerified = parser.verifyAfterFetch(second).subscribeAsCompletionStage();
        assertThrows(ParseException.class, () -> parser.parse(first), "parse never waits for the fetch under way");
        assertEquals(1, fetches.size(), "one fetch for all");
        assertFalse(firstVerified.isDone());

        fetches.get(0).complete(jwks);
        assertEquals(first, firstVerified.get(5, TimeUnit.SECONDS).getRawToken());
        assertEquals(second, secondVerified.get(5, TimeUnit.SECONDS).getRawToken());
        assertNotNull(parser.verifyHeld(token(claims -> { })), "the key is held now");
        assertEquals(1, fetches.size());
    }

    @Test
    void failedFetchKeepsTheTrustedKeySet() throws Exception {
        java.util.List<CompletableFuture<String>> fetches = new java.util.concurrent.CopyOnWriteArrayList<>();
        CachingJwtParser parser = new CachingJwtParser(ISSUER, CLIENT, asyncKeys(fetches, Duration.ZERO), 0,
                Duration.ofMinutes(5));
        CompletableFuture<JsonWebToken> verified = parser.verifyAfterFetch(token(claims -> { })).subscribeAsCompletionStage();
        fetches.get(0).complete(jwks);
        assertNotNull(verified.get(5, TimeUnit.SECONDS));

        String unknownKid = sign(claims -> { }, OTHER_KEY, OTHER_KEY.getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256);
        assertThrows(PoolKeys.FetchFirst.class, () -> parser.verifyHeld(unknownKid));
        CompletableFuture<JsonWebToken> refused = parser.verifyAfterFetch(unknownKid).subscribeAsCompletionStage();
        fetches.get(1).completeExceptionally(new IllegalStateException("JWKS unreachable"));
        java.util.concurrent.ExecutionException failure = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> refused.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof ParseException, failure.toString());
        assertNotNull(parser.verifyHeld(token(claims -> { })), "the set fetched before still verifies");
    }

    @Test
    void unreachableKeySetRefusesTokensWithoutAFetchPerRequest() {
        jwks = null;
        for (int i = 0; i < 5; i++) {
            assertRefused(token(claims -> { }));
            advance(PoolKeys.RETRY_AFTER_FAILURE.dividedBy(10));
        }
        assertEquals(1, fetches.get(), "within the pause after a failed fetch, nothing is fetched");
        advance(PoolKeys.RETRY_AFTER_FAILURE);
        assertRefused(token(claims -> { }));
        assertEquals(2, fetches.get(), "after the pause the next token tries again");
    }

    @Test
    void refusalsAreNotCached() throws Exception {
        jwks = null;
        String token = token(claims -> { });
        assertRefused(token);
        jwks = publicSet(KEY);
        advance(PoolKeys.RETRY_AFTER_FAILURE);
        assertNotNull(parser.parse(token));
    }
}
