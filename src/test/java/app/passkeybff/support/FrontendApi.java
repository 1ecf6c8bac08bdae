package app.passkeybff.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The local Corbado Frontend API stand-in as web-core calls it, for service tests without a browser:
 * {@code X-Corbado-ProjectID} on every call, an init operation first, then its process id as
 * {@code x-corbado-process-id}. A listener sees every request and answer (the contract test records them).
 */
public final class FrontendApi {

    public static final String BASE = "/local/corbado-frontend/v2/connect";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sees each call: the operation path, then the request body and the answer. */
    public interface Listener {
        void call(String path, Object request, ValidatableResponse answer);
    }

    private final String process;
    private final Listener listener;

    private FrontendApi(String process, Listener listener) {
        this.process = process;
        this.listener = listener;
    }

    public static String projectId() {
        return LocalAwsResource.seed().corbadoProjectId();
    }

    /** Runs {@code {kind}/init} ({@code login}, {@code append}, {@code manage}) and keeps its process id. */
    public static FrontendApi init(String kind) {
        return init(kind, (path, request, answer) -> { });
    }

    public static FrontendApi init(String kind, Listener listener) {
        Map<String, Object> request = Map.of("clientInformation", Map.of("webdriver", true,
                "isUserVerifyingPlatformAuthenticatorAvailable", true), "flags", Map.of());
        ValidatableResponse answer = post("/" + kind + "/init", request, null).statusCode(200);
        listener.call("/" + kind + "/init", request, answer);
        String id = answer.extract().path("login".equals(kind) ? "token" : "processID");
        return new FrontendApi(id, listener);
    }

    public String process() {
        return process;
    }

    public ValidatableResponse call(String path, Object body) {
        ValidatableResponse answer = post(path, body, process);
        listener.call(path, body, answer);
        return answer;
    }

    /** A call with this project's id and the given process id (null: none). */
    public static ValidatableResponse post(String path, Object body, String process) {
        var request = given().contentType(ContentType.JSON).header("X-Corbado-ProjectID", projectId()).body(body);
        if (process != null) {
            request.header("x-corbado-process-id", process);
        }
        return request.when().post(BASE + path).then();
    }

    /** The {@code publicKey} of the options web-core receives as a JSON string ({@code {"publicKey": …}}). */
    public static JsonNode publicKey(String options) {
        try {
            return JSON.readTree(options).get("publicKey");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
