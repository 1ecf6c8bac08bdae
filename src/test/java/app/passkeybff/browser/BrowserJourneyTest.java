package app.passkeybff.browser;

import app.passkeybff.local.LocalAws;
import app.passkeybff.support.Emulator;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Users;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Both demo pages in headless Chromium, running Corbado's own packages unmodified against this service,
 * its Frontend API stand-in and the Cognito emulator. index.html (Corbado's {@code @corbado/web-core} 3.5
 * ConnectService): sign-up of a fresh user (SignUp, ConfirmSignUp with the emulator's any-code
 * acceptance), password sign-in, add a passkey (real WebAuthn with a CDP virtual authenticator), list,
 * sign out, one-tap from the client-state cookie alone, one-tap and typed passkey sign-in, replay
 * refused, delete, a login the pre-login action refuses, CORS for the page's origin and not for a third
 * one. react.html (Corbado's {@code @corbado/connect-react} 0.2.4 components through the stand-in's TLS
 * listener at {@code https://{projectId}.localhost}): the same story through
 * {@code <CorbadoConnectLogin>}, {@code <CorbadoConnectAppend>} and {@code <CorbadoConnectPasskeyList>}.
 * On both pages the first password sign-in is an old one (the emulator's aged sign-in): adding the
 * passkey is answered 401 reauthentication_required, the page asks for the password again and retries.
 * The browser side is {@code spa/e2e/journey.mjs} (playwright-core on Debian's chromium); the SPA is
 * built by {@code ./mvnw} before the tests (npm ci, openapi-typescript, tsc --strict, vite build).
 * Screenshots: target/e2e/. Needs chromium: {@code scripts/install-browser.sh} (run by .ci/run).
 */
@QuarkusTest
@TestProfile(BrowserJourneyTest.SpaOrigins.class)
class BrowserJourneyTest {

    /**
     * Each page is served on its own port, another origin than the service's: CORS and the WebAuthn
     * origins must list both. The stand-in's TLS listener gets a free port too.
     */
    public static class SpaOrigins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String origins = "http://localhost:" + port("spa") + ",http://localhost:" + port("react");
            // Generous upstream bounds: a cold service on a loaded CI machine is not what this test is about.
            return Map.of("quarkus.http.cors.origins", origins, "local.webauthn.origins", origins,
                    "local.frontend-api.tls-port", Integer.toString(port("tls")),
                    "corbado.timeout", "10s", "cognito.timeout", "10s");
        }
    }

    /** One port per name and JVM: the profile and the test instance live in different class loaders. */
    static synchronized int port(String name) {
        String key = "e2e." + name + "-port";
        String port = System.getProperty(key);
        if (port == null) {
            port = Integer.toString(LocalAws.freePort());
            System.setProperty(key, port);
        }
        return Integer.parseInt(port);
    }

    private static final Path SPA = Path.of("spa");
    private static final Path OUT = Path.of("target/e2e");

    @TestHTTPResource("/")
    URL service;

    @Test
    void passkeyJourneyInARealBrowser() throws IOException, InterruptedException {
        Path chromium = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
        assertTrue(Files.isExecutable(chromium), chromium + " is missing: run scripts/install-browser.sh");
        assertTrue(Files.isRegularFile(SPA.resolve("dist/index.html")),
                "the SPA is not built: ./mvnw builds it (npm ci, npm run build in spa/)");
        // A fresh user per run: the journey signs it up in the SPA (SignUp, ConfirmSignUp) before anything else.
        String email = Users.uniqueEmail("browser");
        // The React page's user (password sign-in, then passkeys), and one the pre-login action refuses
        // silently (FORCE_CHANGE_PASSWORD: created by an administrator, never signed in).
        String reactEmail = Users.uniqueEmail("react");
        Users.confirmedUser(reactEmail);
        String refusedEmail = Users.uniqueEmail("refused");
        Users.cognito(c -> c.adminCreateUser(b -> b.userPoolId(Users.poolId()).username(refusedEmail)
                .messageAction(MessageActionType.SUPPRESS).temporaryPassword("Temp-passw0rd!")
                .userAttributes(AttributeType.builder().name("email").value(refusedEmail).build(),
                        AttributeType.builder().name("email_verified").value("true").build())));

        Files.createDirectories(OUT);
        Path log = OUT.resolve("journey.log");
        ProcessBuilder node = new ProcessBuilder("node", "e2e/journey.mjs").directory(SPA.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = node.environment();
        // Same site as the SPA (http://localhost:<other port>): the SameSite=Strict cookie travels.
        env.put("E2E_API_URL", "http://localhost:" + service.getPort());
        env.put("E2E_COGNITO_ENDPOINT", LocalAwsResource.aws().endpoint().toString());
        env.put("E2E_COGNITO_CLIENT_ID", LocalAwsResource.seed().clientId());
        env.put("E2E_PROJECT_ID", LocalAwsResource.seed().corbadoProjectId());
        env.put("E2E_EMAIL", email);
        env.put("E2E_REACT_EMAIL", reactEmail);
        env.put("E2E_REFUSED_EMAIL", refusedEmail);
        env.put("E2E_PASSWORD", Users.PASSWORD);
        env.put("E2E_SPA_PORT", Integer.toString(port("spa")));
        env.put("E2E_REACT_PORT", Integer.toString(port("react")));
        env.put("E2E_TLS_PORT", Integer.toString(port("tls")));
        env.put("E2E_OUT", OUT.toAbsolutePath().toString());
        env.put("E2E_CHROMIUM", chromium.toString());
        // Step-up: each page's first password sign-in is an old one (auth_time an hour ago, beyond the
        // default STEP_UP_MAX_AGE of 15 minutes), so adding the passkey answers 401 reauthentication_required
        // and the page must ask for the password again and retry.
        Emulator.agedSignIn(email, Duration.ofHours(1));
        Emulator.agedSignIn(reactEmail, Duration.ofHours(1));
        env.put("E2E_STEP_UP", "true");
        Process process = node.start();
        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        if (!finished) {
            fail("the browser journey did not finish within 300 s:\n" + output);
        }
        assertEquals(0, process.exitValue(), "browser journey failed:\n" + output);
        assertTrue(output.contains("JOURNEY PASSED"), output);
    }
}
