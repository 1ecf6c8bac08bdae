package app.passkeybff.browser;

import app.passkeybff.local.LocalAws;
import app.passkeybff.support.LocalAwsResource;
import app.passkeybff.support.Users;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The demo SPA in headless Chromium against this service and the Cognito emulator: sign-up of a fresh
 * user (SignUp, ConfirmSignUp with the emulator's any-code acceptance), password sign-in,
 * add a passkey (real WebAuthn with a CDP virtual authenticator), sign out, reload, one-tap passkey
 * sign-in, replay refused, CORS for the SPA's origin and not for a third one. The browser side is
 * {@code spa/e2e/journey.mjs} (playwright-core on Debian's chromium); the SPA is built by
 * {@code ./mvnw} before the tests (npm ci, openapi-typescript, tsc --strict, vite build).
 * Screenshots: target/e2e/. Needs chromium: {@code scripts/install-browser.sh} (run by .ci/run).
 */
@QuarkusTest
@TestProfile(BrowserJourneyTest.SpaOrigin.class)
class BrowserJourneyTest {

    /** The SPA's origin is another port than the service's: CORS and the WebAuthn origin must list it. */
    public static class SpaOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String origin = "http://localhost:" + spaPort();
            // Generous upstream bounds: a cold service on a loaded CI machine is not what this test is about.
            return Map.of("quarkus.http.cors.origins", origin, "local.webauthn.origins", origin,
                    "corbado.timeout", "10s", "cognito.timeout", "10s");
        }
    }

    /** One port per JVM: the profile and the test instance live in different class loaders. */
    static synchronized int spaPort() {
        String port = System.getProperty("e2e.spa-port");
        if (port == null) {
            port = Integer.toString(LocalAws.freePort());
            System.setProperty("e2e.spa-port", port);
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

        Files.createDirectories(OUT);
        Path log = OUT.resolve("journey.log");
        ProcessBuilder node = new ProcessBuilder("node", "e2e/journey.mjs").directory(SPA.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = node.environment();
        // Same site as the SPA (http://localhost:<other port>): the SameSite=Strict cookie travels.
        env.put("E2E_API_URL", "http://localhost:" + service.getPort());
        env.put("E2E_COGNITO_ENDPOINT", LocalAwsResource.aws().endpoint().toString());
        env.put("E2E_COGNITO_CLIENT_ID", LocalAwsResource.seed().clientId());
        env.put("E2E_EMAIL", email);
        env.put("E2E_PASSWORD", Users.PASSWORD);
        env.put("E2E_SPA_PORT", Integer.toString(spaPort()));
        env.put("E2E_OUT", OUT.toAbsolutePath().toString());
        env.put("E2E_CHROMIUM", chromium.toString());
        Process process = node.start();
        boolean finished = process.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        if (!finished) {
            fail("the browser journey did not finish within 150 s:\n" + output);
        }
        assertEquals(0, process.exitValue(), "browser journey failed:\n" + output);
        assertTrue(output.contains("JOURNEY PASSED"), output);
    }
}
