package app.passkeybff.login;

import app.passkeybff.cognito.Cognito;
import app.passkeybff.support.Management;
import app.passkeybff.support.Users;
import app.passkeybff.support.WireMockResource;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cognito misbehaving (WireMock speaking the AWS JSON protocol in its place) during a passkey login: each
 * fault becomes the documented problem after exactly one call (the SDK's retries are off), and nothing
 * Cognito said reaches the problem body. Bounds are short but not tight: a 1 s timeout (production: 2 s)
 * and a 3 s breaker delay, so neither a request's nor the machine's speed decides an outcome.
 */
@QuarkusTest
@TestProfile(CognitoFaultsTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = CognitoFaultsTest.KEY))
class CognitoFaultsTest {

    static final String KEY = "cognito.endpoint";
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration BREAKER_DELAY = Duration.ofSeconds(3);
    /** Past this profile's timeout, short of the 2 s production default: only the configured bound makes it a 504. */
    private static final int SLOW_MILLIS = 1700;
    /** Words Cognito put in its error answers; none may reach a problem body. */
    private static final String COGNITO_WORDS = "cognito-internal-detail-5c1e";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognito.timeout", TIMEOUT.toMillis() + "ms", "cognito.breaker-delay", BREAKER_DELAY.toMillis() + "ms");
        }
    }

    @Inject
    CircuitBreakerMaintenance breakers;

    WireMockServer cognito;

    private static boolean warm;

    @BeforeEach
    void reset() {
        cognito = WireMockResource.server(KEY);
        if (!warm) {
            warmUp();
            warm = true;
        }
        cognito.resetAll();
        breakers.resetAll();
    }

    /**
     * The first call of a fresh SDK client (and of the key set behind the local verification) can take
     * longer than this profile's bound on a loaded machine, which would turn whichever fault test runs
     * first into a 504: call until one answers within the bound, then start from clean state.
     */
    private void warmUp() {
        stubError(400, "InvalidParameterException");
        for (int attempt = 0; attempt < 20 && login().extract().statusCode() == 504; attempt++) {
            breakers.resetAll();
        }
    }

    private static MappingBuilder initiateAuth() {
        return post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.InitiateAuth"));
    }

    private static ValidatableResponse login() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("signedPasskeyData", Users.signedPasskeyData("someone")))
                .when().post("/passkey-login").then();
    }


    private void stubError(int status, String type) {
        cognito.stubFor(initiateAuth().willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + COGNITO_WORDS + "\"}")));
    }

    private int initiateAuthCalls() {
        return calls("InitiateAuth");
    }

    private int calls(String operation) {
        return cognito.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(anyUrl())
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService." + operation))).size();
    }

    /**
     * One login, one RespondToAuthChallenge, whatever Cognito answers: the SDK's own retries are off. A retried
     * RespondToAuthChallenge would send the single-use signedPasskeyData twice; the SDK's default would retry
     * each of these faults, and within this call's 8 s bound its retries would reach WireMock.
     */
    @Test
    void callsCognitoOnceForEachFaultWithoutSdkRetries() throws InterruptedException {
        cognito.stubFor(initiateAuth().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"ChallengeName\":\"CUSTOM_CHALLENGE\",\"Session\":\"s\",\"ChallengeParameters\":{\"USERNAME\":\"someone\"}}")));
        String[][] faults = {{"500", "InternalErrorException"}, {"400", "TooManyRequestsException"},
                {"503", "ServiceUnavailable"}, {"400", "ThrottlingException"}};
        int before = calls("RespondToAuthChallenge");
        for (String[] fault : faults) {
            breakers.resetAll();
            cognito.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.RespondToAuthChallenge"))
                    .willReturn(aResponse().withStatus(Integer.parseInt(fault[0]))
                            .withHeader("Content-Type", "application/x-amz-json-1.1").withHeader("x-amzn-ErrorType", fault[1])
                            .withBody("{\"__type\":\"" + fault[1] + "\",\"message\":\"" + COGNITO_WORDS + "\"}")));
            login().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        }
        // A retry could only come later, never sooner: waiting longer can show more calls, never fewer.
        Thread.sleep(2000);
        assertEquals(before + faults.length, calls("RespondToAuthChallenge"), "one RespondToAuthChallenge per login, no retry");
    }

    /** What Cognito says in an error answer stays out of the problem body (its error code may be named). */
    @Test
    void keepsCognitosWordsOutOfTheProblemBody() {
        for (String[] fault : new String[][]{{"500", "InternalErrorException"}, {"400", "ResourceNotFoundException"},
                {"400", "InvalidLambdaResponseException"}, {"400", "UnexpectedLambdaException"}, {"403", "AccessDeniedException"},
                {"400", "NotAuthorizedException"}, {"400", "UserNotFoundException"}, {"400", "TooManyRequestsException"}}) {
            stubError(Integer.parseInt(fault[0]), fault[1]);
            breakers.resetAll();
            String body = login().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400)).extract().asString();
            assertFalse(body.contains(COGNITO_WORDS), fault[1] + ": " + body);
        }
    }

    /**
     * An unconfirmed user, or one who must reset the password, gets byte for byte an unknown user's answer
     * (with PreventUserExistenceErrors LEGACY, Cognito answers UserNotFoundException for an unknown user).
     */
    @Test
    void answersUnconfirmedAndResetRequiredUsersExactlyLikeAnUnknownUser() {
        stubError(400, "UserNotFoundException");
        String unknown = login().statusCode(401).extract().asString();
        for (String refusal : new String[]{"UserNotConfirmedException", "PasswordResetRequiredException", "NotAuthorizedException"}) {
            stubError(400, refusal);
            assertEquals(unknown, login().statusCode(401).extract().asString(), refusal);
        }
        assertTrue(unknown.contains("\"code\":\"passkey_login_failed\""), unknown);
    }

    @Test
    void mapsCognitoThrottlingTo429WithRetryAfter() {
        stubError(400, "TooManyRequestsException");
        login().statusCode(429).contentType("application/problem+json").header("Retry-After", "1")
                .body("code", org.hamcrest.Matchers.equalTo("rate_limited"));
    }

    /** Cognito refusing the webauthnId as a username is a failed login, not an upstream alert fed by client input. */
    @Test
    void answersInvalidParameterForTheUsernameWithTheOrdinary401() {
        stubError(400, "InvalidParameterException");
        login().statusCode(401).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("passkey_login_failed"));
    }

    /** RespondToAuthChallenge has its own bound, above the trigger budget; the others keep cognito.timeout (1 s here). */
    @Test
    void waitsLongerForRespondToAuthChallengeThanForOtherCalls() {
        cognito.stubFor(initiateAuth().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"ChallengeName\":\"CUSTOM_CHALLENGE\",\"Session\":\"s\","
                        + "\"ChallengeParameters\":{\"USERNAME\":\"someone\"}}")));
        cognito.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.RespondToAuthChallenge"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_MILLIS)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"AuthenticationResult\":{\"IdToken\":\"i\",\"AccessToken\":\"a\","
                                + "\"RefreshToken\":\"r\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\"},"
                                + "\"ChallengeParameters\":{}}")));
        // On a loaded machine the undelayed InitiateAuth alone can pass the 1 s bound: a few tries, and
        // one must get through the 1.7 s RespondToAuthChallenge (without its own bound, none would).
        int status = 0;
        for (int i = 0; i < 3 && status != 200; i++) {
            status = login().extract().statusCode();
        }
        assertEquals(200, status);
    }

    @Test
    void mapsCognito500ToUpstreamError() {
        stubError(500, "InternalErrorException");
        login().statusCode(502).body("code", org.hamcrest.Matchers.equalTo("upstream_error"));
    }

    /** Cognito's challenge would arrive after 1.7 s: the configured 1 s bound answers 504 first (2 s would not). */
    @Test
    void mapsSlowCognitoToUpstreamTimeout() {
        cognito.stubFor(initiateAuth().willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_MILLIS)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"ChallengeName\":\"CUSTOM_CHALLENGE\",\"Session\":\"s\",\"ChallengeParameters\":{}}")));
        login().statusCode(504).body("code", org.hamcrest.Matchers.equalTo("upstream_timeout"));
    }

    @Test
    void mapsConnectionResetToUpstreamError() {
        cognito.stubFor(initiateAuth().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        login().statusCode(502).body("code", org.hamcrest.Matchers.equalTo("upstream_error"));
    }

    @Test
    void mapsMalformedAnswerToUpstreamError() {
        cognito.stubFor(initiateAuth().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"ChallengeName\": ")));
        login().statusCode(502).body("code", org.hamcrest.Matchers.equalTo("upstream_error"));
    }

    @Test
    void opensCognitoCircuitAfterRepeatedFailures() {
        stubError(503, "ServiceUnavailable");
        for (int i = 0; i < 20; i++) {
            login().statusCode(502);
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(Cognito.BREAKER));
        int calls = cognito.findAll(anyRequestedFor(anyUrl())).size();
        login().statusCode(503).header("Retry-After", "5")
                .body("code", org.hamcrest.Matchers.equalTo("upstream_unavailable"));
        assertEquals(calls, cognito.findAll(anyRequestedFor(anyUrl())).size(), "an open circuit calls nobody");
        // An upstream's breaker says nothing about whether this pod can serve: every pod would go
        // unready at once and take /connect-tokens and /client-state down too. It shows in the
        // wellness group (and the metrics) instead.
        Management.given().when().get("/q/health/ready").then().statusCode(200);
        Management.given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'cognito-circuit' }.data.state", org.hamcrest.Matchers.equalTo("OPEN"));
    }

    /**
     * Open for the breaker delay, then one trial call (half-open), closed after two successes. Polled, not
     * slept: the first call through may come no sooner than the delay after the call that opened the circuit,
     * and every login before it is answered 503 without reaching Cognito, however slow the machine. A
     * success here is InitiateAuth answering without a challenge (the login is then a 401): one call each.
     */
    @Test
    void halfOpensAfterTheDelayAndClosesAfterTwoSuccesses() throws InterruptedException {
        stubError(503, "ServiceUnavailable");
        for (int i = 0; i < 19; i++) {
            login().statusCode(502);
        }
        long openingCall = System.nanoTime();
        login().statusCode(502);
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(Cognito.BREAKER));
        cognito.stubFor(initiateAuth().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"ChallengeParameters\":{}}")));
        int calls = initiateAuthCalls();
        int refused = 0;
        long deadline = openingCall + BREAKER_DELAY.plusSeconds(60).toNanos();
        while (true) {
            int status = login().extract().statusCode();
            if (status != 503) {
                assertEquals(401, status);
                break;
            }
            refused++;
            assertTrue(System.nanoTime() < deadline, "the circuit never half-opened");
            Thread.sleep(100);
        }
        assertTrue(System.nanoTime() - openingCall >= BREAKER_DELAY.toNanos(), "half-opened before the breaker delay");
        assertTrue(refused > 0, "no login saw the open circuit");
        assertEquals(calls + 1, initiateAuthCalls(), "an open circuit calls nobody; the trial call does");
        assertEquals(CircuitBreakerState.HALF_OPEN, breakers.currentState(Cognito.BREAKER));
        login().statusCode(401);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(Cognito.BREAKER));
    }
}
