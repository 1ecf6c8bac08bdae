package app.passkeybff.lambda;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the Lambda Java runtime does with a function, in a JVM of its own (started by
 * {@link LambdaArtifactIT} with only the variables a Lambda function has): load the handler from the
 * shaded jar in a class loader whose parent is the JDK's platform loader, construct it with its
 * no-argument constructor, turn the JSON event into the handler's input type, invoke it with a
 * Context, and print the result as JSON. Uses only the JDK itself; JSON goes through the jar's Jackson.
 *
 * <p>Arguments: {@code <lambda.jar> <handler class>=<event file> ...}; prints {@code RESULT <class> <json>}.
 */
public final class HandlerRunner {

    private HandlerRunner() {
    }

    public static void main(String[] args) throws Exception {
        try (URLClassLoader jar = new URLClassLoader(new URL[]{Path.of(args[0]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Object json = jar.loadClass("com.fasterxml.jackson.databind.ObjectMapper").getConstructor().newInstance();
            Class<?> feature = jar.loadClass("com.fasterxml.jackson.databind.DeserializationFeature");
            json.getClass().getMethod("configure", feature, boolean.class)
                    .invoke(json, feature.getField("FAIL_ON_UNKNOWN_PROPERTIES").get(null), false);
            Class<?> contextType = jar.loadClass("com.amazonaws.services.lambda.runtime.Context");
            Object context = context(jar, contextType);
            for (String invocation : Arrays.copyOfRange(args, 1, args.length)) {
                String[] parts = invocation.split("=", 2);
                Class<?> handlerType = jar.loadClass(parts[0]);
                Object handler = handlerType.getConstructor().newInstance();
                Method handle = handleRequest(handlerType, contextType);
                Object event = json.getClass().getMethod("readValue", String.class, Class.class)
                        .invoke(json, Files.readString(Path.of(parts[1]), StandardCharsets.UTF_8), handle.getParameterTypes()[0]);
                Object result = handle.invoke(handler, event, context);
                String out = (String) json.getClass().getMethod("writeValueAsString", Object.class).invoke(json, result);
                System.out.println("RESULT " + parts[0] + " " + out);
            }
        }
    }

    /** The handler's own handleRequest, not the compiler's bridge method taking Object. */
    private static Method handleRequest(Class<?> handlerType, Class<?> contextType) {
        return Arrays.stream(handlerType.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2
                        && m.getParameterTypes()[1] == contextType && !m.isBridge())
                .findFirst().orElseThrow(() -> new IllegalStateException("no handleRequest on " + handlerType));
    }

    /** A Context whose logger writes to stderr, as Lambda's goes to CloudWatch. */
    private static Object context(ClassLoader jar, Class<?> contextType) throws ClassNotFoundException {
        Class<?> loggerType = jar.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(jar, new Class<?>[]{loggerType}, (proxy, method, arguments) -> {
            if (method.getName().equals("log") && arguments != null && arguments.length > 0) {
                System.err.println("LOG " + (arguments[0] instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.UTF_8) : arguments[0]));
            }
            return null;
        });
        return Proxy.newProxyInstance(jar, new Class<?>[]{contextType}, (proxy, method, arguments) -> switch (method.getName()) {
            case "getLogger" -> logger;
            case "getAwsRequestId" -> "it-request";
            case "getFunctionName" -> "passkey-bff-it";
            case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 5000;
            case "toString" -> "Context[it]";
            case "hashCode" -> 0;
            case "equals" -> proxy == arguments[0];
            default -> null;
        });
    }
}
