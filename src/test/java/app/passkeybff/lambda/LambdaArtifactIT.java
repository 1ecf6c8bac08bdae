package app.passkeybff.lambda;

import app.passkeybff.local.LocalAws;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged Lambda artifact on its own, as the Lambda Java runtime runs it: every one of the five
 * handlers is loaded from the shaded jar in a JVM of its own ({@link HandlerRunner}) with only the
 * JDK beneath the jar and only a Lambda function's environment variables, constructed with its
 * no-argument constructor and invoked with a real event against the local Cognito/SSM emulator and
 * a Corbado played by WireMock (the real Backend API is not reachable here).
 */
class LambdaArtifactIT {

    private static final Path JAR = Path.of(System.getProperty("lambda.jar", "target/passkey-bff-1.0.0-SNAPSHOT-lambda.jar"));
    private static final String VERIFY = "/v2/passkey/verifySignedData";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> HANDLERS = List.of(
            "app.passkeybff.lambda.triggers.DefineAuthChallengeHandler",
            "app.passkeybff.lambda.triggers.CreateAuthChallengeHandler",
            "app.passkeybff.lambda.triggers.VerifyAuthChallengeHandler",
            "app.passkeybff.lambda.actions.PreLoginHandler",
            "app.passkeybff.lambda.actions.PostAppendHandler");

    /** What Lambda sets per invocation (the Java runtime also as a system property). */
    private static final String TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private static LocalAws aws;
    /** What the handlers printed to stdout (Lambda sends it to CloudWatch too), without the runner's RESULT lines. */
    private static final List<String> handlersStdout = new ArrayList<>();
    private static LocalAws.Seed seed;
    private static WireMockServer corbado;

    @BeforeAll
    static void start() {
        aws = LocalAws.start(Path.of("src/emulator/local_aws.py"), LocalAws.freePort(), "http://127.0.0.1:9",
                Path.of("target/local-aws-it.log"));
        seed = aws.seed();
        corbado = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        corbado.start();
    }

    @AfterAll
    static void stop() {
        if (corbado != null) {
            corbado.stop();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void containsEveryHandlerOnlyTheLambdaPackagesAndNoQuarkus() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run ./mvnw package first: " + JAR);
        try (var jar = new java.util.jar.JarFile(JAR.toFile())) {
            for (String handler : HANDLERS) {
                assertNotNull(jar.getEntry(handler.replace('.', '/') + ".class"), handler);
            }
            for (String stack : List.of("io/quarkus/", "io/vertx/", "io/smallrye/", "org/jboss/", "jakarta/")) {
                assertFalse(jar.stream().anyMatch(entry -> entry.getName().startsWith(stack)), "no " + stack + " in the Lambda jar");
            }
            List<String> outside = jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.startsWith("app/passkeybff/") && name.endsWith(".class"))
                    .filter(name -> !name.startsWith("app/passkeybff/lambda/")).toList();
            assertEquals(List.of(), outside, "only app.passkeybff.lambda is shaded");
        }
    }

    @Test
    void runsAllFiveHandlersFromTheJarAlone() throws Exception {
        String postAppendUser = LocalAws.createConfirmedUser(aws.cognito(), seed.userPoolId(), "it-append@example.com", "It-passw0rd!");
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (seed.corbadoProjectId() + ":" + seed.corbadoApiSecret()).getBytes(StandardCharsets.UTF_8));
        corbado.stubFor(post(VERIFY).withHeader("Authorization", equalTo(basic))
                .willReturn(okJson("{\"verificationResult\":\"success\"}")));
        // WireMock also plays Corbado's Frontend API key set (CORBADO_FRONTEND_API_URL): the trigger checks
        // the answer against it before it asks verifySignedData.
        PasskeyDataSigner frontendApi = new PasskeyDataSigner("it-kid");
        corbado.stubFor(get("/.well-known/jwks").willReturn(okJson(frontendApi.jwks())));
        String signedPasskeyData = frontendApi.sign(seed.corbadoProjectId(), seed.demoUsername(), java.time.Instant.now());

        Map<String, JsonNode> results = run(List.of(
                HANDLERS.get(0) + "=" + event("define-empty", defineEvent("[]")),
                HANDLERS.get(0) + "=" + event("define-two-wrong", defineEvent(
                        "[{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":false},"
                                + "{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":false}]")),
                HANDLERS.get(1) + "=" + event("create", trigger("CreateAuthChallenge_Authentication",
                        "{\"userAttributes\":{},\"challengeName\":\"CUSTOM_CHALLENGE\",\"session\":[]}")),
                HANDLERS.get(2) + "=" + event("verify", trigger("VerifyAuthChallengeResponse_Authentication",
                        "{\"userAttributes\":{},\"privateChallengeParameters\":{},\"challengeAnswer\":\"" + signedPasskeyData + "\"}")),
                HANDLERS.get(3) + "=" + event("pre-login", "{\"identifier\":\"" + LocalAws.DEMO_EMAIL + "\"}"),
                HANDLERS.get(4) + "=" + event("post-append", "{\"username\":\"" + postAppendUser + "\"}")));

        assertEquals("CUSTOM_CHALLENGE", results.get("define-empty").at("/response/challengeName").asText());
        // TRIGGERS_MAX_ATTEMPTS=2 from the environment: the second wrong answer ends the session.
        assertTrue(results.get("define-two-wrong").at("/response/failAuthentication").asBoolean());
        assertEquals("CORBADO_PASSKEY", results.get("create").at("/response/challengeMetadata").asText());
        assertEquals("passkey", results.get("create").at("/response/publicChallengeParameters/challenge").asText());
        // SSM read through the jar's SDK, Corbado called with the seeded credentials and the event's user.
        assertTrue(results.get("verify").at("/response/answerCorrect").asBoolean());
        corbado.verify(1, postRequestedFor(urlEqualTo(VERIFY)).withHeader("Authorization", equalTo(basic))
                .withRequestBody(equalToJson("{\"signedPasskeyData\":\"" + signedPasskeyData + "\",\"username\":\"" + seed.demoUsername() + "\"}")));
        assertEquals(200, results.get("pre-login").get("statusCode").asInt());
        assertEquals(seed.demoUsername(), results.get("pre-login").at("/body/identifier").asText());
        assertEquals(200, results.get("post-append").get("statusCode").asInt());
        assertEquals(0, results.get("post-append").get("body").size());
        AdminGetUserResponse user = aws.cognito().adminGetUser(b -> b.userPoolId(seed.userPoolId()).username(postAppendUser));
        assertEquals(List.of("SMS_MFA"), user.userMFASettingList());
        // What Lambda would send to CloudWatch, stderr and stdout (everything the handlers printed, the
        // runner's RESULT lines aside): the verify trigger's result, never the answer or a secret.
        String log = Files.readString(Path.of("target", "lambda-it", "stderr.log"), StandardCharsets.UTF_8)
                + String.join("\n", handlersStdout);
        assertTrue(log.contains("verify-auth-challenge: result=success trace=" + TRACE_HEADER), log);
        // Every trigger's line carries the invocation's trace context, so it can be found from a trace.
        assertTrue(log.contains("define-auth-challenge: decision=CHALLENGE trace=" + TRACE_HEADER), log);
        assertTrue(log.contains("create-auth-challenge: challenge=CORBADO_PASSKEY trace=" + TRACE_HEADER), log);
        for (String secret : List.of(signedPasskeyData, seed.corbadoApiSecret(), seed.corbadoProjectId() + ":",
                basic.substring(6), seed.actionsSecret())) {
            assertFalse(log.contains(secret), "the Lambda log shows a secret or the signedPasskeyData");
        }
    }

    private static String defineEvent(String session) {
        return trigger("DefineAuthChallenge_Authentication", "{\"userAttributes\":{},\"session\":" + session
                + ",\"userNotFound\":false}");
    }

    private static String trigger(String source, String request) {
        return "{\"version\":\"1\",\"triggerSource\":\"" + source + "\",\"region\":\"us-east-1\",\"userPoolId\":\""
                + seed.userPoolId() + "\",\"userName\":\"" + seed.demoUsername() + "\",\"callerContext\":{\"awsSdkVersion\":"
                + "\"aws-sdk-unknown-unknown\",\"clientId\":\"" + seed.clientId() + "\"},\"request\":" + request
                + ",\"response\":{}}";
    }

    private static Path event(String name, String json) throws IOException {
        Path file = Path.of("target", "lambda-it", name + ".json");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }

    /** One JVM like a Lambda container: the jar, the JDK, and a function's environment; results by event name. */
    private static Map<String, JsonNode> run(List<String> invocations) throws Exception {
        Path runnerClasses = Path.of(HandlerRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", runnerClasses.toString(), HandlerRunner.class.getName(), JAR.toAbsolutePath().toString()));
        command.addAll(invocations);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "SSM_ENDPOINT", aws.endpoint().toString(), "COGNITO_ENDPOINT", aws.endpoint().toString(),
                "COGNITO_USER_POOL_ID", seed.userPoolId(), "CORBADO_API_URL", corbado.baseUrl(),
                // Generous bounds: this checks what the handlers do, on a shared, loaded machine.
                "CORBADO_TIMEOUT", "5s", "SECRETS_TIMEOUT", "5s", "TRIGGERS_MAX_ATTEMPTS", "2"));
        env.put("_X_AMZN_TRACE_ID", TRACE_HEADER + ";Lineage=a87bd80c:1");
        env.put("CORBADO_FRONTEND_API_URL", corbado.baseUrl());
        builder.redirectError(Path.of("target", "lambda-it", "stderr.log").toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "handlers did not finish");
        assertEquals(0, process.exitValue(), "runner failed; see target/lambda-it/stderr.log\n" + out);
        Map<String, JsonNode> results = new HashMap<>();
        int index = 0;
        for (String line : out.split("\n")) {
            if (!line.startsWith("RESULT ")) {
                handlersStdout.add(line);
            }
            if (line.startsWith("RESULT ")) {
                String[] parts = line.split(" ", 3);
                String file = invocations.get(index++).split("=", 2)[1];
                results.put(Path.of(file).getFileName().toString().replace(".json", ""), JSON.readTree(parts[2]));
            }
        }
        assertEquals(invocations.size(), results.size(), out);
        return results;
    }
}
