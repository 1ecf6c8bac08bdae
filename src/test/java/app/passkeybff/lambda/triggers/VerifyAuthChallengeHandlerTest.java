package app.passkeybff.lambda.triggers;

import app.passkeybff.lambda.corbado.PasskeyVerifier;
import app.passkeybff.lambda.corbado.CorbadoCredentials;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verify trigger against Corbado played by WireMock (the real Backend API is not reachable
 * here): only {@code success} is a correct answer; every other result, error and timeout is not.
 */
class VerifyAuthChallengeHandlerTest {

    private static final String VERIFY = "/v2/passkey/verifySignedData";
    private static final CorbadoCredentials CREDENTIALS = new CorbadoCredentials("pro-1", "corbado1_secret");
    /** Base64 of {@code pro-1:corbado1_secret}, written out rather than built by the code under test. */
    private static final String EXPECTED_BASIC = "Basic cHJvLTE6Y29yYmFkbzFfc2VjcmV0";
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
        handler = new VerifyAuthChallengeHandler(new PasskeyVerifier(corbado.baseUrl(), () -> CREDENTIALS,
                Duration.ofMillis(1500)));
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
        assertEquals(correct, answerCorrect("user-1", "spd.jwt.sig"));
        // The Lambda log says what Corbado answered, and never shows the answer itself.
        assertEquals(java.util.List.of("verify-auth-challenge: result=" + logged), log);
    }

    @Test
    void sendsTheEventUsernameTheDataAndBasicAuth() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        assertTrue(answerCorrect("cognito-user-42", "spd.jwt.sig"));
        corbado.verify(1, postRequestedFor(urlEqualTo(VERIFY))
                .withHeader("Authorization", equalTo(EXPECTED_BASIC))
                .withRequestBody(equalToJson("{\"signedPasskeyData\":\"spd.jwt.sig\",\"username\":\"cognito-user-42\"}")));
    }

    @Test
    void answersWrongOnCorbado500() {
        corbado.stubFor(post(VERIFY).willReturn(aResponse().withStatus(500)
                .withBody("{\"verificationResult\":\"success\"}")));
        assertFalse(answerCorrect("user-1", "spd.jwt.sig"));
    }

    @Test
    void answersWrongWithinTheTimeoutWhenCorbadoIsSlow() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}").withFixedDelay(6000)));
        long start = System.nanoTime();
        assertFalse(answerCorrect("user-1", "spd.jwt.sig"));
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
        assertFalse(answerCorrect("user-1", "spd.jwt.sig"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3500, "took " + millis + " ms; Cognito allows 5 s for the whole trigger");
    }

    @Test
    void answersWrongOnConnectionReset() {
        corbado.stubFor(post(VERIFY).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertFalse(answerCorrect("user-1", "spd.jwt.sig"));
    }

    @Test
    void answersWrongOnBrokenJson() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":")));
        assertFalse(answerCorrect("user-1", "spd.jwt.sig"));
    }

    @Test
    void answersWrongWhenCredentialsCannotBeLoaded() {
        corbado.stubFor(post(VERIFY).willReturn(okJson("{\"verificationResult\":\"success\"}")));
        var broken = new VerifyAuthChallengeHandler(new PasskeyVerifier(corbado.baseUrl(), () -> {
            throw new IllegalStateException("SSM down");
        }, Duration.ofMillis(500)));
        assertFalse(broken.handleRequest(event("user-1", "spd.jwt.sig"), null).getResponse().getAnswerCorrect());
        corbado.verify(0, postRequestedFor(urlEqualTo(VERIFY)));
    }

    @Test
    void answersWrongWithoutCallingCorbadoForEmptyAnswer() {
        assertFalse(answerCorrect("user-1", ""));
        assertFalse(answerCorrect("user-1", " "));
        assertFalse(answerCorrect("user-1", null));
        assertFalse(answerCorrect(null, "spd.jwt.sig"));
        assertFalse(answerCorrect(" ", "spd.jwt.sig"));
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
        // 16 KiB exactly is still an answer Corbado gets to judge.
        assertTrue(answerCorrect("user-1", "a".repeat(VerifyAuthChallengeHandler.MAX_ANSWER_LENGTH)));
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
        var event = event("user-1", "spd.jwt.sig");
        event.getRequest().setUserNotFound(true);
        assertFalse(handler.handleRequest(event, context()).getResponse().getAnswerCorrect());
        assertEquals(java.util.List.of("verify-auth-challenge: result=user_mismatch"), log);
        // The same work as for a real user, so the trigger's timing does not reveal an unknown user.
        corbado.verify(1, postRequestedFor(urlEqualTo(VERIFY)));
    }
}
