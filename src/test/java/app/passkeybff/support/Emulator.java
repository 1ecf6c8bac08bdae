package app.passkeybff.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The local Cognito's test controls ({@code /_local/} in {@code src/emulator/local_aws.py}). */
public final class Emulator {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Emulator() {
    }

    /** How often the emulator was asked for a Cognito operation, e.g. {@code InitiateAuth}. */
    public static int calls(String operation) {
        String body = send(HttpRequest.newBuilder(uri("/_local/calls")).GET().build());
        Matcher count = Pattern.compile("\"" + operation + "\": (\\d+)").matcher(body);
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }

    /** Extra seconds a trigger takes, e.g. {@code VerifyAuthChallengeResponse}; 0 resets. */
    public static void triggerLatency(String trigger, double seconds) {
        String body = seconds <= 0 ? "{}" : "{\"" + trigger + "\": " + seconds + "}";
        send(HttpRequest.newBuilder(uri("/_local/trigger-latency")).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * The next ID token for this user (email or username) says the user signed in that long ago
     * ({@code auth_time}), as a token refreshed from an old sign-in does; once.
     */
    public static void agedSignIn(String user, java.time.Duration age) {
        String body = "{\"user\": \"" + user + "\", \"seconds\": " + age.toSeconds() + "}";
        send(HttpRequest.newBuilder(uri("/_local/aged-sign-in")).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static URI uri(String path) {
        return LocalAwsResource.aws().endpoint().resolve(path);
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
