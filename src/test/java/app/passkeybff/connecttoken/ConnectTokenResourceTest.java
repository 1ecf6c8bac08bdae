package app.passkeybff.connecttoken;

import app.passkeybff.local.LocalAws;
import app.passkeybff.local.LocalCorbado;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ConnectTokenResourceTest {

    @Inject
    LocalCorbado corbado;

    @ParameterizedTest
    @ValueSource(strings = {"passkey-append", "passkey-list", "passkey-delete"})
    void createsConnectTokenForSignedInUser(String type) {
        String idToken = Tokens.demoIdToken();
        Instant before = Instant.now();

        String expiresAt = given().auth().oauth2(idToken).contentType(ContentType.JSON)
                .body("{\"type\":\"" + type + "\"}")
                .when().post("/connect-tokens")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("type", equalTo(type))
                .body("token", matchesPattern("ctks_[0-9a-f]{48}"))
                .extract().path("expiresAt");

        assertTrue(Instant.parse(expiresAt).isAfter(before));
        LocalCorbado.ConnectTokenCall call = corbado.lastConnectTokenCall();
        LocalAws.Seed seed = LocalAwsResource.seed();
        assertTrue(call.authorized(), "stub accepted the Basic credentials");
        // Built here from the values seeded into SSM, not by the service's own CorbadoCredentials.
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString(
                (seed.corbadoProjectId() + ":" + seed.corbadoApiSecret()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                call.authorization());
        assertEquals(seed.corbadoProjectId(), call.projectId());
        assertEquals(type, call.type());
        assertEquals(seed.demoUsername(), call.identifier());
        if (type.equals("passkey-append")) {
            assertEquals(LocalAws.DEMO_EMAIL, call.displayName());
        } else {
            assertNull(call.displayName());
        }
    }

    /** Fixture test: the dev/test Corbado stub refuses a wrong credential as Corbado does (no proof of a mitigation). */
    @Test
    void stubRejectsWrongBasicAuthLikeCorbado() {
        given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("pro-1:wrong".getBytes()))
                .contentType(ContentType.JSON)
                .body("{\"type\":\"passkey-list\",\"data\":{\"identifier\":\"u\"}}")
                .when().post("/local/corbado/v2/connectTokens")
                .then().statusCode(401)
                .body("httpStatusCode", equalTo(401))
                .body("error.type", equalTo("unauthorized"))
                .body("requestData.requestID", not(emptyOrNullString()));
    }

    // --- bad tokens: each one is 401 invalid_token with WWW-Authenticate -------------------------

    private static ValidatableResponse postWithToken(String token) {
        var request = given().contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/connect-tokens").then();
    }

    private static void assertInvalidToken(String token) {
        postWithToken(token).statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("code", equalTo("invalid_token"))
                .body("status", equalTo(401));
    }

    private static String forged(Consumer<JwtClaims> change) {
        JwtClaims claims = Tokens.idTokenClaims();
        change.accept(claims);
        return Tokens.signWithEmulatorKey(claims);
    }

    @Test
    void acceptsForgeryHarnessBaseline() {
        // Proves the forged tokens below fail for the one claim they change, not for the harness.
        postWithToken(forged(claims -> { })).statusCode(200);
    }

    @Test
    void rejectsMissingAuthorizationHeader() {
        assertInvalidToken(null);
    }

    @Test
    void rejectsTwoAuthorizationHeaders() {
        // Authorization is not a list (RFC 9110 11.6.2): which line a proxy and this service would each
        // read is ambiguous, so two lines are refused whichever of them holds the valid token.
        String valid = Tokens.demoIdToken();
        for (String[] lines : new String[][]{{"Bearer " + valid, "Bearer junk"}, {"Bearer junk", "Bearer " + valid},
                {"Bearer " + valid, "Bearer " + valid}}) {
            given().header("Authorization", lines[0]).header("Authorization", lines[1])
                    .contentType(ContentType.JSON).body("{\"type\":\"passkey-list\"}")
                    .when().post("/connect-tokens")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body("code", equalTo("invalid_token"));
        }
    }

    @Test
    void rejectsBearerThatIsNotAJwt() {
        assertInvalidToken("not-a-jwt");
    }

    @Test
    void rejectsExpiredIdToken() {
        assertInvalidToken(forged(claims -> {
            claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(7200).getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(3600).getEpochSecond()));
        }));
    }

    @Test
    void rejectsIdTokenSignedWithAnotherKey() {
        assertInvalidToken(Tokens.sign(Tokens.idTokenClaims(), Tokens.newRsaKey(), "dummy"));
    }

    @Test
    void rejectsAlgNone() {
        assertInvalidToken(Tokens.unsigned(Tokens.idTokenClaims()));
    }

    @Test
    void rejectsHs256SignedWithThePublicKey() {
        assertInvalidToken(Tokens.hs256WithPublicKey(Tokens.idTokenClaims()));
    }

    @Test
    void rejectsUnknownKid() {
        // The pool's own key (a valid signature), under a kid the pool's JWKS does not list.
        assertInvalidToken(Tokens.sign(Tokens.idTokenClaims(), Tokens.emulatorKey(), "unknown-kid"));
    }

    @Test
    void rejectsWrongIssuer() {
        assertInvalidToken(forged(claims -> claims.setIssuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other")));
    }

    @Test
    void rejectsWrongAudience() {
        assertInvalidToken(forged(claims -> claims.setAudience("another-app-client")));
    }

    @Test
    void rejectsAccessTokenInsteadOfIdToken() {
        String accessToken = Tokens.signIn(LocalAws.DEMO_EMAIL, LocalAws.DEMO_PASSWORD).accessToken();
        assertInvalidToken(accessToken);
        assertInvalidToken(forged(claims -> claims.setClaim("token_use", "access")));
    }

    @Test
    void rejectsTamperedPayload() {
        assertInvalidToken(Tokens.tamper(Tokens.demoIdToken(), "cognito:username", "someone-else"));
    }

    // --- bad bodies ---------------------------------------------------------------------------------

    private static ValidatableResponse postBody(String contentType, byte[] body) {
        return given().auth().oauth2(Tokens.demoIdToken()).contentType(contentType).body(body)
                .when().post("/connect-tokens").then();
    }

    private static void assertProblem(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("code", equalTo(code))
                .body("type", equalTo("https://passkey-bff.dev/problems/" + code))
                .body("title", not(emptyOrNullString())).body("detail", not(emptyOrNullString()));
    }

    @Test
    void rejectsMalformedJson() {
        assertProblem(postBody("application/json", "{\"type\":".getBytes()), 400, "invalid_request");
    }

    @Test
    void rejectsUnknownType() {
        assertProblem(postBody("application/json", "{\"type\":\"passkey-login\"}".getBytes()), 400, "invalid_request");
    }

    @Test
    void rejectsMissingType() {
        assertProblem(postBody("application/json", "{}".getBytes()), 400, "invalid_request");
    }

    @Test
    void rejectsTypeOfWrongJsonType() {
        assertProblem(postBody("application/json", "{\"type\":{\"a\":1}}".getBytes()), 400, "invalid_request");
    }

    @Test
    void rejectsOneMebibyteBody() {
        byte[] body = ("{\"type\":\"passkey-list\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes();
        assertProblem(postBody("application/json", body), 413, "payload_too_large");
    }

    @Test
    void rejectsTextPlain() {
        assertProblem(postBody("text/plain", "type=passkey-list".getBytes()), 415, "unsupported_media_type");
    }
}
