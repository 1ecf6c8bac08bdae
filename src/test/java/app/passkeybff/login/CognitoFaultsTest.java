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

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cognito misbehaving (WireMock speaking the AWS JSON protocol in its place) during a passkey login. */
@QuarkusTest
@TestProfile(CognitoFaultsTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = CognitoFaultsTest.KEY))
class CognitoFaultsTest {

    static final String KEY = "cognito.endpoint";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cognito.timeout", "500ms");
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
     * longer than this profile's 500 ms bound on a loaded machine, which would turn whichever fault test
     * runs first into a 504: call until one answers within the bound, then start from clean state.
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
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"injected\"}")));
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

    /** RespondToAuthChallenge has its own bound, above the trigger budget; the others keep cognito.timeout (500 ms here). */
    @Test
    void waitsLongerForRespondToAuthChallengeThanForOtherCalls() {
        cognito.stubFor(initiateAuth().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"ChallengeName\":\"CUSTOM_CHALLENGE\",\"Session\":\"s\","
                        + "\"ChallengeParameters\":{\"USERNAME\":\"someone\"}}")));
        cognito.stubFor(post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.RespondToAuthChallenge"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"AuthenticationResult\":{\"IdToken\":\"i\",\"AccessToken\":\"a\","
                                + "\"RefreshToken\":\"r\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\"},"
                                + "\"ChallengeParameters\":{}}")));
        // On a loaded machine the undelayed InitiateAuth alone can pass the 500 ms bound: a few tries, and
        // one must get through the 1.5 s RespondToAuthChallenge (without its own bound, none would).
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

    @Test
    void mapsSlowCognitoToUpstreamTimeout() {
        cognito.stubFor(initiateAuth().willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        long start = System.nanoTime();
        login().statusCode(504).body("code", org.hamcrest.Matchers.equalTo("upstream_timeout"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "answered after " + millis + " ms, timeout is 500 ms");
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
}
