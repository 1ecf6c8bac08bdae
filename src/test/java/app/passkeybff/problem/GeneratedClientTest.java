package app.passkeybff.problem;

import app.passkeybff.client.ApiClient;
import app.passkeybff.client.ApiException;
import app.passkeybff.client.api.AppendApi;
import app.passkeybff.client.api.ConnectTokensApi;
import app.passkeybff.client.api.LoginApi;
import app.passkeybff.client.model.AppendCompleteRequest;
import app.passkeybff.client.model.AppendStatus;
import app.passkeybff.client.model.ConnectTokenRequest;
import app.passkeybff.client.model.ConnectTokenResponse;
import app.passkeybff.client.model.ConnectTokenType;
import app.passkeybff.client.model.LoginTokens;
import app.passkeybff.client.model.PasskeyLoginRequest;
import app.passkeybff.client.model.Problem;
import app.passkeybff.client.model.ProblemCode;
import app.passkeybff.support.Users;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed openapi/openapi.yaml generates a working client: the Java client generated from it
 * at build time (openapi-generator, see pom.xml) drives the running service end to end.
 */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URI base;

    private ApiClient client(String bearer) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        if (bearer != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        }
        return client;
    }

    @Test
    void generatedClientLogsInAndGetsConnectTokens() throws Exception {
        String username = Users.confirmedUser(Users.uniqueEmail("client"));
        LoginTokens tokens = new LoginApi(client(null)).passkeyLogin(
                new PasskeyLoginRequest().signedPasskeyData(Users.signedPasskeyData(username)));
        assertEquals(LoginTokens.TokenTypeEnum.BEARER, tokens.getTokenType());

        ConnectTokenResponse token = new ConnectTokensApi(client(tokens.getIdToken()))
                .createConnectToken(new ConnectTokenRequest().type(ConnectTokenType.APPEND));
        assertTrue(token.getToken().startsWith("ctks_"));
        assertTrue(token.getExpiresAt().isAfter(OffsetDateTime.now()));

        var appended = new AppendApi(client(tokens.getIdToken())).passkeyAppendComplete(
                new AppendCompleteRequest().appendStatus(AppendStatus.SKIP_EXPLICIT));
        assertEquals(false, appended.getMfaUpdated());
    }

    @Test
    void generatedClientSurfacesProblemDetails() throws Exception {
        ApiException failure = assertThrows(ApiException.class, () -> new ConnectTokensApi(client("not-a-token"))
                .createConnectToken(new ConnectTokenRequest().type(ConnectTokenType.LIST)));
        assertEquals(401, failure.getCode());
        // The problem body reads into the generated Problem, and its code is an enum a client can switch on.
        Problem problem = new ApiClient().getObjectMapper().readValue(failure.getResponseBody(), Problem.class);
        assertEquals(ProblemCode.INVALID_TOKEN, problem.getCode());
        assertEquals(401, problem.getStatus());
    }
}
