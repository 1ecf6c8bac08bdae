import app.passkeybff.lambda.corbado.CorbadoCredentials;
import app.passkeybff.lambda.corbado.FrontendApiKeySet;
import app.passkeybff.lambda.corbado.PasskeyVerifier;
import app.passkeybff.lambda.triggers.DefineAuthChallengeHandler;
import app.passkeybff.lambda.triggers.LambdaInvocations;
import app.passkeybff.lambda.triggers.VerifyAuthChallengeHandler;
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Benchmark helper: the packaged Lambda jar's trigger handlers behind the Lambda Invoke API on
 * loopback, for the local Cognito when the service under test is the production build (which has
 * no trigger host). Run: java -cp target/passkey-bff-*-lambda.jar bench/LambdaHost.java PORT CORBADO_URL
 */
public class LambdaHost {

    public static void main(String[] args) throws Exception {
        var functions = new LambdaInvocations(new DefineAuthChallengeHandler(3),
                new VerifyAuthChallengeHandler(new PasskeyVerifier(args[1],
                        () -> new CorbadoCredentials("pro-bench", "corbado1_bench"), Duration.ofMillis(2500),
                        // The stand-in Corbado serves the Frontend API key set too (scripts/localenv.py).
                        new FrontendApiKeySet(Optional.of(args[1]), Duration.ofMillis(2500), System::nanoTime),
                        Clock.systemUTC())));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/2015-03-31/functions/", exchange -> {
            String[] path = exchange.getRequestURI().getRawPath().split("/");
            byte[] result = path.length > 3
                    ? functions.invoke(URLDecoder.decode(path[3], StandardCharsets.UTF_8), exchange.getRequestBody().readAllBytes())
                    : null;
            byte[] body = result == null ? "{\"Message\":\"Function not found\"}".getBytes(StandardCharsets.UTF_8) : result;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(result == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("lambda host on " + args[0]);
    }
}
