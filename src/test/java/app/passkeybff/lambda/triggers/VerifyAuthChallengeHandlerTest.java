package app.passkeybff.lambda.triggers;

import app.passkeybff.lambda.PasskeyDataSigner;
import app.passkeybff.lambda.corbado.CorbadoCredentials;
import app.passkeybff.lambda.corbado.FrontendApiKeySet;
import app.passkeybff.lambda.corbado.PasskeyVerifier;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verify trigger against Corbado played by WireMock (the real Backend API and Frontend API key set
 * are not reachable here): only {@code success} is a correct answer; every other result, error and
 * timeout is not. Answers are genuine signedPasskeyData for the event's user, signed with a key the
 * WireMock key set serves, unless a test says otherwise: anything not genuine (garbage, forged, another
 * project's, another user's, out of date) is a wrong answer that never reaches verifySignedData, since
 * anyone with the public app client id can run CUSTOM_AUTH. Time is fixed.
 */
class VerifyAuthChallengeHandlerTest {

    private static final String VERIFY = "/v2/passkey/verifySignedData";
    private static final CorbadoCredentials CREDENTIALS = new CorbadoCredentials("pro-1", "corbado1_secret");
    /** Base64 of {@code pro-1:corbado1_secret}, written out rather than built by the code under test. */
    private static final String EXPECTED_BASIC = "Basic cHJvLTE6Y29yYmFkbzFfc2VjcmV0";
    static final String JWKS = "/.well-known/jwks";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final PasskeyDataSigner FRONTEND_API = new PasskeyDataSigner("kid-1");
    private static WireMockServer corbado;
    // Generous for a loaded machine; the slow-Corbado test measures against it.
    private VerifyAuthChallengeHandler handler;

    @BeforeAll
    static void startCorbado() {
        corbado = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        corbado.start();
    }

    @AfterAll
    static void stopCorbado() {
        corbado.stop();
    }

    @BeforeEach
    void setUp() {
        corbado.resetAll();
        corbado.stubFor(get(JWKS).willReturn(okJson(FRONTEND_API.jwks())));
        handler = handler(() -> CREDENTIALS, Duration.ofMillis(1500));
    }

    private static VerifyAuthChallengeHandler handler(java.util.function.Supplier<CorbadoCredentials> credentials, Duration timeout) {
        return new VerifyAuthChallengeHandler(new PasskeyVerifier(corbado.baseUrl(), credentials, timeout,
                new FrontendApiKeySet(Optional.of(corbado.baseUrl()), Duration.ofMillis(1500), System::nanoTime),
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    /** Genuine data for {@code user} of this project. */
    static String data(String user) {
        return FRONTEND_API.sign(CREDENTIALS.projectId(), user, NOW);
    }

    private static CognitoUserPoolVerifyAuthChallengeResponseEvent event(String username, String answer) {
        var request = new CognitoUserPoolVerifyAuthChallengeResponseEvent.Request();
        request.setChallengeAnswer(answer);
        var event = new CognitoUserPoolVerifyAuthChallengeResponseEvent();
        event.setUserName(username);
        event.setRequest(request);
        return event;
    }

    /** What the handler wrote to its Lambda log (CloudWatch), one entry per call. */
    private final java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A Lambda context whose logger records what the handler logs. */
    private com.amazonaws.services.lambda.runtime.Context context() {
        com.amazonaws.services.lambda.runtime.LambdaLogger logger = new com.amazonaws.services.lambda.runtime.LambdaLogger() {
            @Override
            public void log(String message) {
                log.add(message);
            }

            @Override
            public void log(byte[] message) {
                log.add(new String(message, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        return (com.amazonaws.services.lambda.runtime.Context) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{com.amazonaws.services.lambda.runtime.Context.class},
                (proxy, method, args) -> method.getName().equals("getLogger") ? logger : null);
    }

    private boolean answerCorrect(String username, String answer) {
        return handler.handleRequest(event(username, answer), context()).getResponse().getAnswerCorrect();
    }

    @ParameterizedTest
    @CsvSource({"success,true,success", "invalid_signature,false,invalid_signature", "invalid_challenge,false,invalid_challenge",
            "user_mismatch,false,user_mismatch", "generic_error,false,generic_error", "something_new,false,generic_error"})
    void answersCorrectOnlyForSuccess(String result, boolean correct, String logged) {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"" + result + "\"}")));
        assertEquals(correct, answerCorrect("user-1", data("user-1")));
        // The Lambda log says what Corbado answered, and never shows the answer itself.
        assertEquals(java.util.List.of("verify-auth-challenge: result=" + logged), log);
    }

    @Test
    void sendsTheEventUsernameTheDataAndBasicAuth() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        String data = data("cognito-user-42");
        assertTrue(answerCorrect("cognito-user-42", data));
        corbado.verify(1, postRequestedFor(urlEqualTo(VERIFY))
                .withHeader("Authorization", equalTo(EXPECTED_BASIC))
                .withRequestBody(equalToJson("{\"signedPasskeyData\":\"" + data + "\",\"username\":\"cognito-user-42\"}")));
    }

    @Test
    void answersWrongOnCorbado500() {
        corbado.stubFor(post(VERIFY).willReturn(aResponse().withStatus(500)
                .withBody("{\"verificationResult\":\"success\"}")));
        assertFalse(answerCorrect("user-1", data("user-1")));
    }

    @Test
    void answersWrongWithinTheTimeoutWhenCorbadoIsSlow() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}").withFixedDelay(6000)));
        long start = System.nanoTime();
        assertFalse(answerCorrect("user-1", data("user-1")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3500, "took " + millis + " ms; Cognito allows 5 s for the whole trigger");
    }

    @Test
    void answersWrongWithinTheTimeoutWhenCorbadoDribblesItsAnswer() {
        // Headers at once, the body a few bytes at a time: the JDK client's request timeout alone ends
        // at the headers, so a trickling answer must still be bounded by the verification timeout.
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\",\"padding\":\"" + "x".repeat(64) + "\"}")
                .withChunkedDribbleDelay(12, 6000)));
        long start = System.nanoTime();
        assertFalse(answerCorrect("user-1", data("user-1")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3500, "took " + millis + " ms; Cognito allows 5 s for the whole trigger");
    }

    @Test
    void answersWrongOnConnectionReset() {
        corbado.stubFor(post(VERIFY).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertFalse(answerCorrect("user-1", data("user-1")));
    }

    @Test
    void answersWrongOnBrokenJson() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":")));
        assertFalse(answerCorrect("user-1", data("user-1")));
    }

    @Test
    void answersWrongWhenCredentialsCannotBeLoaded() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        var broken = handler(() -> {
            throw new IllegalStateException("SSM down");
        }, Duration.ofMillis(500));
        assertFalse(broken.handleRequest(event("user-1", data("user-1")), null).getResponse().getAnswerCorrect());
        corbado.verify(0, postRequestedFor(urlEqualTo(VERIFY)));
    }

    @Test
    void answersWrongWithoutCallingCorbadoForEmptyAnswer() {
        assertFalse(answerCorrect("user-1", ""));
        assertFalse(answerCorrect("user-1", " "));
        assertFalse(answerCorrect("user-1", null));
        assertFalse(answerCorrect(null, data("user-1")));
        assertFalse(answerCorrect(" ", data("user-1")));
        corbado.verify(0, postRequestedFor(urlEqualTo(VERIFY)));
        assertEquals(java.util.List.of("verify-auth-challenge: result=invalid_signature", "verify-auth-challenge: result=invalid_signature",
                "verify-auth-challenge: result=invalid_signature", "verify-auth-challenge: result=user_mismatch",
                "verify-auth-challenge: result=user_mismatch"), log);
    }

    @Test
    void answersWrongWithoutCallingCorbadoForOversizedAnswer() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        assertFalse(answerCorrect("user-1", "a".repeat(VerifyAuthChallengeHandler.MAX_ANSWER_LENGTH + 1)));
        corbado.verify(0, postRequestedFor(urlEqualTo(VERIFY)));
        assertEquals(java.util.List.of("verify-auth-challenge: result=invalid_signature"), log);
        // Garbage under the size bound is refused by the signature check before Corbado; genuine data is sent.
        assertFalse(answerCorrect("user-1", "a".repeat(VerifyAuthChallengeHandler.MAX_ANSWER_LENGTH)));
        corbado.verify(0, postRequestedFor(urlEqualTo(VERIFY)));
        assertTrue(answerCorrect("user-1", data("user-1")));
        corbado.verify(1, postRequestedFor(urlEqualTo(VERIFY)));
    }

    /** Genuine data with {@code characters} of padding in its payload and {@code header} in its header. */
    private static String padded(int characters, String header) {
        return FRONTEND_API.sign(CREDENTIALS.projectId(), "user-1", NOW, builder -> builder
                .withHeader(java.util.Map.of("pad", header)).withClaim("pad", "p".repeat(characters)));
    }

    /** Genuine data padded (an extra claim) to exactly the answer bound: the longest answer still sent to Corbado. */
    @Test
    void sendsGenuineDataOfExactlyTheMaximumLengthToCorbado() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        int max = VerifyAuthChallengeHandler.MAX_ANSWER_LENGTH;
        // Three padding characters are four characters of the answer: aim, then try the neighbours. The
        // header's padding shifts the length by what base64 cannot reach from the payload alone.
        int aim = 12_000 + (max - padded(12_000, "").length()) * 3 / 4;
        String longest = null;
        for (int pad = aim - 4; pad <= aim + 4 && longest == null; pad++) {
            for (String header : new String[]{"", "h", "hh", "hhh"}) {
                String data = padded(pad, header);
                if (data.length() == max) {
                    longest = data;
                    break;
                }
            }
        }
        assertNotNull(longest, "no padding gives an answer of exactly the bound");
        assertTrue(answerCorrect("user-1", longest));
        corbado.verify(1, postRequestedFor(urlEqualTo(VERIFY)));
    }

    @Test
    void answersWrongWithoutCallingCorbadoForAnEventWithoutRequestEvenIfItClaimsCorrect() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        var event = new CognitoUserPoolVerifyAuthChallengeResponseEvent();
        event.setUserName("user-1");
        var forged = new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response();
        forged.setAnswerCorrect(true);
        event.setResponse(forged);
        assertFalse(handler.handleRequest(event, context()).getResponse().getAnswerCorrect());
        corbado.verify(0, postRequestedFor(urlEqualTo(VERIFY)));
        assertEquals(java.util.List.of("verify-auth-challenge: result=user_mismatch"), log);
    }

    @Test
    void answersWrongForUnknownUserEvenWhenCorbadoSaysSuccess() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        var event = event("user-1", data("user-1"));
        event.getRequest().setUserNotFound(true);
        assertFalse(handler.handleRequest(event, context()).getResponse().getAnswerCorrect());
        assertEquals(java.util.List.of("verify-auth-challenge: result=user_mismatch"), log);
        // The same work as for a real user, so the trigger's timing does not reveal an unknown user.
        corbado.verify(1, postRequestedFor(urlEqualTo(VERIFY)));
    }

    private void assertRefusedBeforeCorbado(String user, String answer) {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        assertFalse(answerCorrect(user, answer), "accepted");
        corbado.verify(0, postRequestedFor(urlEqualTo(VERIFY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spd.jwt.sig", "not a jwt", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "a.b", "...."})
    void neverSendsGarbageToCorbado(String garbage) {
        assertRefusedBeforeCorbado("user-1", garbage);
    }

    @Test
    void neverSendsDataSignedWithAnotherKeyToCorbado() {
        // Same kid, another key: the signature does not verify.
        assertRefusedBeforeCorbado("user-1", new PasskeyDataSigner("kid-1").sign(CREDENTIALS.projectId(), "user-1", NOW));
        // A kid the key set does not have.
        assertRefusedBeforeCorbado("user-1", new PasskeyDataSigner("kid-unknown").sign(CREDENTIALS.projectId(), "user-1", NOW));
    }

    @Test
    void neverSendsUnsignedOrHmacDataToCorbado() {
        String genuine = data("user-1");
        String payload = genuine.split("\\.")[1];
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        assertRefusedBeforeCorbado("user-1", b64.encodeToString("{\"alg\":\"none\",\"kid\":\"kid-1\"}".getBytes()) + "." + payload + ".");
        String hs256 = com.auth0.jwt.JWT.create().withKeyId("kid-1").withIssuer(CREDENTIALS.projectId())
                .withClaim("webauthnId", "user-1").withExpiresAt(NOW.plusSeconds(300))
                .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(FRONTEND_API.jwks()));
        assertRefusedBeforeCorbado("user-1", hs256);
        // A genuine signature under a header that was changed afterwards.
        assertRefusedBeforeCorbado("user-1", genuine.substring(0, genuine.length() - 4) + "AAAA");
    }

    @Test
    void neverSendsAnotherUsersDataToCorbado() {
        assertRefusedBeforeCorbado("user-1", data("user-2"));
    }

    @Test
    void neverSendsAnotherProjectsDataToCorbado() {
        assertRefusedBeforeCorbado("user-1", FRONTEND_API.sign("pro-other", "user-1", NOW));
    }

    @Test
    void neverSendsExpiredOrNotYetValidDataToCorbado() {
        assertRefusedBeforeCorbado("user-1", FRONTEND_API.sign(CREDENTIALS.projectId(), "user-1", NOW.minusSeconds(600)));
        assertRefusedBeforeCorbado("user-1", FRONTEND_API.sign(CREDENTIALS.projectId(), "user-1", NOW.plusSeconds(600)));
        assertRefusedBeforeCorbado("user-1", FRONTEND_API.sign(CREDENTIALS.projectId(), "user-1", NOW,
                builder -> builder.withExpiresAt(NOW.plus(Duration.ofDays(30)))));
        assertRefusedBeforeCorbado("user-1", FRONTEND_API.sign(CREDENTIALS.projectId(), "user-1", NOW,
                builder -> builder.withClaim("exp", Long.MAX_VALUE)));
        assertRefusedBeforeCorbado("user-1", FRONTEND_API.sign(CREDENTIALS.projectId(), "user-1", NOW,
                builder -> builder.withNullClaim("exp")));
    }

    @Test
    void sendsGenuineDataOnceAndReadsTheKeySetOncePerWarmContainer() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        assertTrue(answerCorrect("user-1", data("user-1")));
        assertTrue(answerCorrect("user-2", data("user-2")));
        corbado.verify(2, postRequestedFor(urlEqualTo(VERIFY)));
        corbado.verify(1, getRequestedFor(urlEqualTo(JWKS)));
    }

    @Test
    void answersWrongWithoutCallingCorbadoWhenTheKeySetIsUnreachable() {
        corbado.stubFor(get(JWKS).willReturn(aResponse().withStatus(503)));
        assertRefusedBeforeCorbado("user-1", data("user-1"));
    }

    @Test
    void fetchesTheKeySetAgainForAnUnknownKidAtMostEvery30Seconds() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        FrontendApiKeySet keys = new FrontendApiKeySet(Optional.of(corbado.baseUrl()), Duration.ofMillis(1500), nanos::get);
        assertTrue(keys.key(CREDENTIALS.projectId(), "kid-1").isPresent());
        for (int i = 0; i < 5; i++) {
            assertTrue(keys.key(CREDENTIALS.projectId(), "kid-new").isEmpty());
        }
        corbado.verify(1, getRequestedFor(urlEqualTo(JWKS)));
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertTrue(keys.key(CREDENTIALS.projectId(), "kid-new").isEmpty());
        corbado.verify(2, getRequestedFor(urlEqualTo(JWKS)));
        // Past five minutes even a known kid is looked up in a fresh copy.
        nanos.addAndGet(FrontendApiKeySet.MAX_AGE.toNanos());
        assertTrue(keys.key(CREDENTIALS.projectId(), "kid-1").isPresent());
        corbado.verify(3, getRequestedFor(urlEqualTo(JWKS)));
    }
}
