package app.passkeybff.lambda;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged Lambda artifact on its own, as the Lambda Java runtime loads it: only the JDK as
 * parent class loader, every handler class present, and no Quarkus inside.
 */
class LambdaArtifactIT {

    private static final Path JAR = Path.of(System.getProperty("lambda.jar", "target/passkey-bff-1.0.0-SNAPSHOT-lambda.jar"));
    static final List<String> HANDLERS = List.of(
            "app.passkeybff.lambda.triggers.DefineAuthChallengeHandler",
            "app.passkeybff.lambda.triggers.CreateAuthChallengeHandler",
            "app.passkeybff.lambda.triggers.VerifyAuthChallengeHandler",
            "app.passkeybff.lambda.actions.PreLoginHandler",
            "app.passkeybff.lambda.actions.PostAppendHandler");

    @Test
    void containsEveryHandlerAndNoQuarkus() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run ./mvnw package first: " + JAR);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (String handler : HANDLERS) {
                assertNotNull(jar.getEntry(handler.replace('.', '/') + ".class"), handler);
            }
            assertFalse(jar.stream().anyMatch(entry -> entry.getName().startsWith("io/quarkus/")), "no Quarkus in the Lambda jar");
            assertFalse(jar.stream().anyMatch(entry -> entry.getName().startsWith("app/passkeybff/local/")), "no local stubs");
        }
    }

    @Test
    void defineHandlerRunsStandalone() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> eventType = loader.loadClass("com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent");
            Class<?> requestType = loader.loadClass(eventType.getName() + "$Request");
            Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
            Object request = requestType.getConstructor().newInstance();
            Class<?> resultType = loader.loadClass(eventType.getName() + "$ChallengeResult");
            Object sessionArray = java.lang.reflect.Array.newInstance(resultType, 0);
            requestType.getMethod("setSession", sessionArray.getClass()).invoke(request, sessionArray);
            Object event = eventType.getConstructor().newInstance();
            eventType.getMethod("setRequest", requestType).invoke(event, request);

            Object handler = loader.loadClass(HANDLERS.get(0)).getConstructor().newInstance();
            Method handle = handler.getClass().getMethod("handleRequest", eventType, contextType);
            Object result = handle.invoke(handler, event, null);
            Object response = eventType.getMethod("getResponse").invoke(result);
            assertEquals("CUSTOM_CHALLENGE", response.getClass().getMethod("getChallengeName").invoke(response));
        }
    }
}
