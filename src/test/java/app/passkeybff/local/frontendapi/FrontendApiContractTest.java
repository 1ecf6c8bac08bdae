package app.passkeybff.local.frontendapi;

import app.passkeybff.support.FrontendApi;
import app.passkeybff.support.SoftAuthenticator;
import app.passkeybff.support.Users;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fixture test: it checks the dev/test-only Frontend API stand-in against Corbado's own declarations,
 * so a drift from Corbado's shapes fails the build. It drives every connect operation (answers and
 * refusals), records each request and answer body as a TypeScript constant and type-checks them with
 * {@code tsc} against the types {@code @corbado/web-core} generated from Corbado's OpenAPI document
 * ({@code dist/api/v2/api.d.ts}): each answer must satisfy both web-core 3.5.0 (the demo page) and
 * web-core 2.18.0 (under connect-react 0.2.4), with no field that neither declares; each request the
 * 3.5.0 request type. Error bodies are checked against web-core's {@code GenericRsp} plus the
 * {@code error} object of Corbado's {@code errorRsp} (common.yml; web-core declares no type for it).
 * Needs {@code spa/node_modules} ({@code ./mvnw} runs {@code npm ci}).
 */
@QuarkusTest
class FrontendApiContractTest {

    private static final Path SPA = Path.of("spa").toAbsolutePath();
    private static final Path OUT = Path.of("target/frontend-api-contract");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The web-core type names of each operation (request, answer); null: none declared. */
    private static final Map<String, String[]> TYPES = Map.ofEntries(
            Map.entry("/login/init", new String[] {"ConnectLoginInitReq", "ConnectLoginInitRsp"}),
            Map.entry("/login/start", new String[] {"ConnectLoginStartReq", "ConnectLoginStartRsp"}),
            Map.entry("/login/finish", new String[] {"ConnectLoginFinishReq", "ConnectLoginFinishRsp"}),
            Map.entry("/append/init", new String[] {"ConnectAppendInitReq", "ConnectAppendInitRsp"}),
            Map.entry("/append/start", new String[] {"ConnectAppendStartReq", "ConnectAppendStartRsp"}),
            Map.entry("/append/finish", new String[] {"ConnectAppendFinishReq", "ConnectAppendFinishRsp"}),
            Map.entry("/manage/init", new String[] {"ConnectManageInitReq", "ConnectManageInitRsp"}),
            Map.entry("/manage/list", new String[] {"ConnectManageListReq", "ConnectManageListRsp"}),
            Map.entry("/manage/delete", new String[] {"ConnectManageDeleteReq", "ConnectManageDeleteRsp"}),
            Map.entry("/events", new String[] {"ConnectEventCreateReq", null}),
            // web-core 2 has no process/clear: its answer is checked against 3.5 alone.
            Map.entry("/process/clear", new String[] {"ConnectProcessClearReq", "ConnectProcessClearRsp"}));

    private record Call(String path, Object request, int status, String answer) {
    }

    private final List<Call> calls = new ArrayList<>();

    private void record(String path, Object request, ValidatableResponse answer) {
        var response = answer.extract();
        calls.add(new Call(path, request, response.statusCode(), response.asString()));
    }

    @Test
    void answersSatisfyTheTypesWebCoreDeclares() throws Exception {
        assertTrue(Files.isRegularFile(SPA.resolve("node_modules/typescript/bin/tsc")),
                "spa/node_modules is missing: ./mvnw installs it (npm ci in spa/)");
        exerciseEveryOperation();
        Path source = writeTypeScript();
        Process tsc = new ProcessBuilder("node", SPA.resolve("node_modules/typescript/bin/tsc").toString(), "-p",
                OUT.resolve("tsconfig.json").toString()).redirectErrorStream(true).start();
        String output = new String(tsc.getInputStream().readAllBytes());
        if (!tsc.waitFor(120, TimeUnit.SECONDS)) {
            tsc.destroyForcibly();
            fail("tsc did not finish");
        }
        assertEquals(0, tsc.exitValue(), "the stand-in drifted from Corbado's declared shapes (" + source + "):\n" + output);
    }

    private void exerciseEveryOperation() {
        FrontendApi.Listener listener = this::record;
        var user = FrontendApiTest.newUser("contract");

        FrontendApi append = FrontendApi.init("append", listener);
        SoftAuthenticator authenticator = new SoftAuthenticator();
        String creation = append.call("/append/start", Map.of("appendTokenValue",
                FrontendApiTest.connectToken(user, "passkey-append"), "forcePasskeyAppend", true, "loadedMs", 1))
                .statusCode(200).extract().path("attestationOptions");
        append.call("/append/finish", Map.of("attestationResponse",
                authenticator.create(FrontendApi.publicKey(creation)).toString(), "completionType", "manual")).statusCode(200);
        append.call("/append/start", Map.of("appendTokenValue", "ctks_unknown", "loadedMs", 1)).statusCode(400);

        FrontendApi login = FrontendApi.init("login", listener);
        String options = login.call("/login/start", Map.of("identifier", user.email(), "source", "text-field",
                "loadedMs", 1)).statusCode(200).extract().path("assertionOptions");
        login.call("/login/finish", Map.of("assertionResponse", authenticator.get(FrontendApi.publicKey(options)).toString(),
                "isConditionalUI", false, "loadedMs", 2)).statusCode(200);
        for (String identifier : List.of(Users.uniqueEmail("unknown"), refusedUser(), FrontendApiTest.newUser("none").email())) {
            login.call("/login/start", Map.of("identifier", identifier, "source", "text-field", "loadedMs", 1))
                    .statusCode(200);
        }
        login.call("/events", Map.of("eventType", "login-error", "message", "situation: 5")).statusCode(204);
        login.call("/process/clear", Map.of("processId", login.process())).statusCode(200);
        login.call("/process/clear", Map.of("processId", login.process())).statusCode(404);

        FrontendApi manage = FrontendApi.init("manage", listener);
        manage.call("/manage/list", Map.of("connectToken", FrontendApiTest.connectToken(user, "passkey-list"))).statusCode(200);
        manage.call("/manage/delete", Map.of("connectToken", FrontendApiTest.connectToken(user, "passkey-delete"),
                "credentialID", authenticator.credentialId())).statusCode(200);
        manage.call("/manage/delete", Map.of("connectToken", FrontendApiTest.connectToken(user, "passkey-delete"),
                "credentialID", authenticator.credentialId())).statusCode(404);
        manage.call("/manage/list", Map.of("connectToken", "ctks_unknown")).statusCode(400);
    }

    private static String refusedUser() {
        String email = Users.uniqueEmail("silent");
        Users.cognito(c -> c.adminCreateUser(b -> b.userPoolId(Users.poolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS).temporaryPassword("Temp-passw0rd!")
                .userAttributes(AttributeType.builder().name("email").value(email).build())));
        return email;
    }

    private Path writeTypeScript() throws IOException {
        Files.createDirectories(OUT);
        String v3 = SPA.resolve("node_modules/@corbado/web-core/dist/api/v2/api").toString();
        String v2 = SPA.resolve("node_modules/@corbado/connect-react/node_modules/@corbado/web-core/dist/api/v2/api").toString();
        StringBuilder ts = new StringBuilder("""
                // Written by FrontendApiContractTest: what the local Frontend API stand-in answered, checked
                // against the types @corbado/web-core declares (3.5.0, and 2.18.0 under connect-react 0.2.4).
                import type * as V3 from '%s';
                import type * as V2 from '%s';

                /** Corbado's errorRsp (web-core/openapi/common.yml): web-core declares its GenericRsp part only. */
                type ErrorRsp = V3.GenericRsp & {
                  error: { type: string; details?: string; validation?: Array<{ field: string; message: string }>; links: string[] };
                };

                """.formatted(v3, v2));
        int n = 0;
        for (Call call : calls) {
            String[] types = TYPES.get(call.path());
            String name = "call" + (++n) + call.path().replaceAll("[^a-z]+", "_");
            ts.append("// POST ").append(call.path()).append(" -> ").append(call.status()).append('\n');
            ts.append("export const ").append(name).append("_request = ").append(JSON.writeValueAsString(call.request()))
                    .append(" satisfies V3.").append(types[0]).append(";\n");
            if (call.status() == 204) {
                assertEquals("", call.answer(), call.path() + " answers 204 without a body");
                continue;
            }
            String answerType = call.status() != 200 ? "ErrorRsp"
                    : "/process/clear".equals(call.path()) ? "V3." + types[1] : "V3." + types[1] + " & V2." + types[1];
            ts.append("export const ").append(name).append("_answer = ").append(JSON.writeValueAsString(JSON.readTree(call.answer())))
                    .append(" satisfies ").append(answerType).append(";\n\n");
        }
        Path source = OUT.resolve("recorded.ts");
        Files.writeString(source, ts);
        Files.writeString(OUT.resolve("tsconfig.json"), """
                {
                  "compilerOptions": {
                    "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "lib": ["ES2022", "DOM"],
                    "strict": true, "noEmit": true, "skipLibCheck": true, "types": []
                  },
                  "files": ["recorded.ts"]
                }
                """);
        return source;
    }
}
