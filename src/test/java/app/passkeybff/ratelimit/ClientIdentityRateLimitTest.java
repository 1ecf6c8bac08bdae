package app.passkeybff.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Who the client is, through the running service: the loopback peer is a trusted proxy (as the ingress
 * controller is), and so is an ingress subnet. IPv6 clients spend the bucket of their /64; when every
 * forwarded hop is a trusted proxy, the nearest hop (the address our proxy saw) is the client.
 */
@QuarkusTest
@TestProfile(ClientIdentityRateLimitTest.Profile.class)
class ClientIdentityRateLimitTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rate-limit.enabled", "true", "rate-limit.login-per-minute", "3",
                    "rate-limit.trusted-proxies", "127.0.0.0/8, ::1/128, 10.0.240.0/24");
        }
    }

    private static ValidatableResponse login(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor).contentType(ContentType.JSON).body("{}")
                .when().post("/passkey-login").then();
    }

    @Test
    void anIpv6ClientCannotEscapeItsLimitWithinItsSlash64() {
        login("2001:db8:aa:1::1").statusCode(400);
        login("2001:db8:aa:1::2").statusCode(400);
        login("2001:db8:aa:1:ffff::3").statusCode(400);
        login("2001:db8:aa:1:1234:5678:9abc:def0").statusCode(429);
        login("2001:db8:aa:2::1").statusCode(400);
    }

    @Test
    void clientsBehindOnlyTrustedHopsKeepBucketsOfTheirOwn() {
        for (int i = 0; i < 3; i++) {
            login("10.0.240.11").statusCode(400);
        }
        login("10.0.240.11").statusCode(429);
        // Before, every such client fell back to the peer (the proxy) and shared one bucket.
        login("10.0.240.12").statusCode(400);
    }
}
