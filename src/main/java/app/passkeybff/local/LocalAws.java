package app.passkeybff.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local AWS of dev mode and tests: {@code src/emulator/local_aws.py} (moto plus CUSTOM_AUTH) on a
 * loopback port, and the seed every flow needs, created through the AWS SDK. Never used in the
 * production profile.
 */
public final class LocalAws implements AutoCloseable {

    public static final String DEMO_EMAIL = "demo@example.com";
    public static final String DEMO_PASSWORD = "Demo-passw0rd!";
    public static final String REGION = "us-east-1";
    public static final String DEFINE_ARN = "arn:aws:lambda:us-east-1:000000000000:function:passkey-define-auth-challenge";
    public static final String CREATE_ARN = "arn:aws:lambda:us-east-1:000000000000:function:passkey-create-auth-challenge";
    public static final String VERIFY_ARN = "arn:aws:lambda:us-east-1:000000000000:function:passkey-verify-auth-challenge";

    /** What the seed created; the three secret values exist only in memory and in the emulator. */
    public record Seed(String userPoolId, String clientId, String secretClientId, String secretClientSecret,
                       String demoUsername, String corbadoProjectId, String corbadoApiSecret, String actionsSecret) {
        @Override
        public String toString() {
            return "Seed[userPoolId=" + userPoolId + ", clientId=" + clientId + ", secretClientId=" + secretClientId
                    + ", demoUsername=" + demoUsername + "]";
        }
    }

    /** The app client the SPA, the README's examples and the service use. */
    static final String SPA_CLIENT = "passkey-bff-spa";

    /** The SSM parameter names the service reads by default (application.properties). */
    static final List<String> SECRET_NAMES = List.of("/passkey-bff/corbado-project-id",
            "/passkey-bff/corbado-api-secret", "/passkey-bff/actions-secret");


    private final Process process;
    private final int port;

    private LocalAws(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the emulator; trigger invocations go to {@code lambdaEndpoint}. */
    public static LocalAws start(Path script, int port, String lambdaEndpoint, Path log) {
        requirePythonWithMoto();
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Local AWS emulator script not found at " + script.toAbsolutePath());
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), "--port", Integer.toString(port),
                    "--lambda-endpoint", lambdaEndpoint)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            LocalAws aws = new LocalAws(builder.start(), port);
            aws.awaitReady(Duration.ofSeconds(30), log);
            return aws;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the local AWS emulator: " + e.getMessage(), e);
        }
    }

    static void requirePythonWithMoto() {
        try {
            Process check = new ProcessBuilder("python3", "-c", "import moto, flask").redirectErrorStream(true).start();
            if (check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // fall through to the one clear sentence below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("The local Cognito/SSM emulator needs python3 with the packages moto 5 "
                + "(moto[server]) and flask: install them with pip install 'moto[server]==5.2.1' flask.");
    }

    /**
     * Fails with one sentence when something already listens on the loopback {@code port}: another
     * emulator there (LocalStack listens on 4566 by default) would otherwise be used in silence and
     * answer the seed with misleading errors. {@code variable} is what moves the emulator elsewhere.
     */
    public static void requireFreePort(int port, String variable) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is already in use by another program (LocalStack, for "
                    + "one, listens on 4566): set " + variable + " to a free port for the local Cognito/SSM emulator.");
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    private void awaitReady(Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The local AWS emulator exited with " + process.exitValue()
                        + "; see " + log);
            }
            try {
                // Our emulator's own control endpoint: any other HTTP server on the port does not count.
                HttpURLConnection connection = (HttpURLConnection) endpoint().resolve("/_local/calls").toURL().openConnection();
                connection.setConnectTimeout(200);
                connection.setReadTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
                sleep(100);
            } catch (IOException e) {
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("The local AWS emulator did not start within " + timeout.toSeconds() + " s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public CognitoIdentityProviderClient cognito() {
        return CognitoIdentityProviderClient.builder().endpointOverride(endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public SsmClient ssm() {
        return SsmClient.builder().endpointOverride(endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    /** Pool, app client, demo user and SSM parameters, with ids the emulator picks. Secrets and the Corbado project id are random per start. */
    public Seed seed() {
        return seed(Map.of(), "pro-" + randomHex(8));
    }

    /**
     * The seed with the pool and app client ids given (dev mode names them in its configuration): the
     * emulator gives a pool tagged {@code local:pool-id} that id, and the app client created with name N
     * in a pool tagged {@code local:client-id:N} that tag's value. The Corbado project id is given too, so
     * a frontend can be configured with it.
     */
    public Seed seed(String userPoolId, String clientId, String corbadoProjectId) {
        return seed(Map.of("local:pool-id", userPoolId, "local:client-id:" + SPA_CLIENT, clientId), corbadoProjectId);
    }

    private Seed seed(Map<String, String> poolTags, String corbadoProjectId) {
        try (CognitoIdentityProviderClient cognito = cognito(); SsmClient ssm = ssm()) {
            String poolId = cognito.createUserPool(b -> b.poolName("passkey-bff-local")
                    .userPoolTags(poolTags)
                    .usernameAttributes(UsernameAttributeType.EMAIL)
                    // As a real pool: the sign-up code goes to the email, and confirming it verifies the email.
                    .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                    .lambdaConfig(LambdaConfigType.builder().defineAuthChallenge(DEFINE_ARN)
                            .createAuthChallenge(CREATE_ARN).verifyAuthChallengeResponse(VERIFY_ARN).build()))
                    .userPool().id();
            String clientId = cognito.createUserPoolClient(b -> b.userPoolId(poolId).clientName(SPA_CLIENT)
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                    .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED))
                    .userPoolClient().clientId();
            // A confidential client too, for deployments whose app client has a secret (SECRET_HASH).
            var secretClient = cognito.createUserPoolClient(b -> b.userPoolId(poolId).clientName("passkey-bff-confidential")
                    .generateSecret(true)
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                    .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED))
                    .userPoolClient();
            String demoUsername = createConfirmedUser(cognito, poolId, DEMO_EMAIL, DEMO_PASSWORD);
            Seed seed = new Seed(poolId, clientId, secretClient.clientId(), secretClient.clientSecret(), demoUsername,
                    corbadoProjectId, "corbado1_" + randomHex(24), randomHex(32));
            List<String> values = List.of(seed.corbadoProjectId(), seed.corbadoApiSecret(), seed.actionsSecret());
            for (int i = 0; i < SECRET_NAMES.size(); i++) {
                String name = SECRET_NAMES.get(i);
                String value = values.get(i);
                ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
            }
            return seed;
        }
    }

    /** A CONFIRMED user with a verified email and a permanent password; returns the Cognito username. */
    public static String createConfirmedUser(CognitoIdentityProviderClient cognito, String poolId, String email,
                                             String password) {
        String username = cognito.adminCreateUser(b -> b.userPoolId(poolId).username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder().name("email_verified").value("true").build()))
                .user().username();
        cognito.adminSetUserPassword(b -> b.userPoolId(poolId).username(username).password(password).permanent(true));
        return username;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
