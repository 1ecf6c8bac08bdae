import app.passkeybff.aws.AwsClients;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark helper for bench/passkey-login.py: the two raw Cognito calls of a passkey login
 * (InitiateAuth CUSTOM_AUTH, RespondToAuthChallenge) made with the service's own Cognito client,
 * built by the service's {@code AwsClients} (same SDK HTTP client type and settings), without the
 * service around it. Reads one signedPasskeyData per line on stdin, answers each with the
 * milliseconds the two calls took (System.nanoTime around both) on stdout.
 * Run: java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' bench/RawCognitoLogin.java ENDPOINT CLIENT_ID USERNAME
 */
public class RawCognitoLogin {

    public static void main(String[] args) throws Exception {
        String endpoint = args[0], clientId = args[1], username = args[2];
        try (CognitoIdentityProviderAsyncClient cognito = AwsClients.build(CognitoIdentityProviderAsyncClient.builder(),
                "us-east-1", Optional.of(endpoint), true, Duration.ofSeconds(9))) {
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String answer = line.trim();
                long started = System.nanoTime();
                // Chained like the service's Uni (the answer is sent from the thread that completes the
                // challenge); only the end result is awaited here.
                var result = cognito.initiateAuth(b -> b.clientId(clientId).authFlow(AuthFlowType.CUSTOM_AUTH)
                                .authParameters(Map.of("USERNAME", username)))
                        .thenCompose(challenge -> cognito.respondToAuthChallenge(b -> b.clientId(clientId)
                                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(challenge.session())
                                .challengeResponses(Map.of("USERNAME",
                                        challenge.challengeParameters().getOrDefault("USERNAME", username), "ANSWER", answer))))
                        .join();
                long took = System.nanoTime() - started;
                if (result.authenticationResult() == null || result.authenticationResult().idToken() == null) {
                    System.out.println("ERROR no tokens");
                } else {
                    System.out.println(took / 1e6);
                }
                System.out.flush();
            }
        }
    }
}
