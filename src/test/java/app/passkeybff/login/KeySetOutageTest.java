package app.passkeybff.login;

import app.passkeybff.local.LocalCorbado;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.MovableClock;
import app.passkeybff.support.Tokens;
import app.passkeybff.support.Users;
import app.passkeybff.support.WireMockResource;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Corbado's Frontend API key set (WireMock in its place, serving the local stub's keys) goes down after
 * the service has fetched it: a failed refresh keeps the last good keys, so logins go on and forgeries
 * are still refused. Time is the test's ({@link MovableClock}): the set's 5-minute max age passes at once.
 * Without any keys the answer is 503 ({@code connecttoken.CorbadoUnreachableTest}).
 */
@QuarkusTest
@TestProfile(KeySetOutageTest.Profile.class)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "configKey", value = KeySetOutageTest.KEY))
class KeySetOutageTest {

    static final String KEY = "corbado.frontend-api-url";
    private static final String KEY_SET = "/.well-known/jwks";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The key-set fetch's bound: generous, so a loaded machine's slow fetch is not an outage.
            return Map.of("corbado.timeout", "30s");
        }
    }

    @Inject
    LocalCorbado corbado;

    private static ValidatableResponse login(String signedPasskeyData) {
        return given().contentType(ContentType.JSON).body(Map.of("signedPasskeyData", signedPasskeyData))
                .when().post("/passkey-login").then();
    }

    private int keySetRequests(WireMockServer keySet) {
        return keySet.findAll(getRequestedFor(urlEqualTo(KEY_SET))).size();
    }

    @Test
    void failedRefreshKeepsTheLastGoodKeys() {
        WireMockServer keySet = WireMockResource.server(KEY);
        keySet.stubFor(get(KEY_SET).willReturn(okJson(corbado.keySetJson())));
        login(Users.signedPasskeyData(Users.confirmedUser(Users.uniqueEmail("keys-up")))).statusCode(200);
        int fetched = keySetRequests(keySet);

        for (var outage : new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder[]{
                aResponse().withStatus(503), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)}) {
            keySet.stubFor(get(KEY_SET).willReturn(outage));
            MovableClock.advance(Duration.ofMinutes(6)); // past the set's 5-minute max age: the next login refreshes it
            login(Users.signedPasskeyData(Users.confirmedUser(Users.uniqueEmail("keys-down")))).statusCode(200);
            assertEquals(fetched + 1, keySetRequests(keySet), "the refresh was tried, and failed");
            fetched = keySetRequests(keySet);
            // The kept keys still verify: data signed with another key under the right kid is refused.
            var claims = corbado.passkeyClaims(LocalAwsResource.seed().corbadoProjectId(), "someone", "someone", 300);
            login(Tokens.sign(claims, Tokens.newRsaKey(), LocalCorbado.KEY_ID)).statusCode(401)
                    .body("code", equalTo("passkey_login_failed"));
            fetched = keySetRequests(keySet);
        }
    }
}
