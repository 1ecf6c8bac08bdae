import app.passkeybff.corbado.PasskeyVerifier;
import app.passkeybff.secrets.CorbadoCredentials;
import app.passkeybff.triggers.CreateAuthChallengeHandler;
import app.passkeybff.triggers.DefineAuthChallengeHandler;
import app.passkeybff.triggers.VerifyAuthChallengeHandler;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Benchmark helper: the packaged Lambda jar's trigger handlers behind the Lambda Invoke API on
 * loopback, for the local Cognito when the service under test is the production build (which has
 * no trigger host). Run: java -cp target/passkey-bff-*-lambda.jar bench/LambdaHost.java PORT CORBADO_URL
 */
public class LambdaHost {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static void main(String[] args) throws Exception {
        var define = new DefineAuthChallengeHandler(3);
        var create = new CreateAuthChallengeHandler();
        var verify = new VerifyAuthChallengeHandler(new PasskeyVerifier(args[1],
                () -> new CorbadoCredentials("pro-bench", "corbado1_bench"), Duration.ofMillis(2500)));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/2015-03-31/functions/", exchange -> {
            String function = URLDecoder.decode(exchange.getRequestURI().getRawPath().split("/")[3], StandardCharsets.UTF_8);
            byte[] event = exchange.getRequestBody().readAllBytes();
            Object result;
            if (function.endsWith(":passkey-define-auth-challenge")) {
                result = run(define, event, CognitoUserPoolDefineAuthChallengeEvent.class);
            } else if (function.endsWith(":passkey-create-auth-challenge")) {
                result = run(create, event, CognitoUserPoolCreateAuthChallengeEvent.class);
            } else {
                result = run(verify, event, CognitoUserPoolVerifyAuthChallengeResponseEvent.class);
            }
            byte[] body = JSON.writeValueAsBytes(result);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("lambda host on " + args[0]);
    }

    static <E> E run(RequestHandler<E, E> handler, byte[] event, Class<E> type) throws java.io.IOException {
        return handler.handleRequest(JSON.readValue(event, type), null);
    }
}
