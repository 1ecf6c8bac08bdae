package app.passkeybff.support;

import app.passkeybff.local.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the local Cognito/SSM emulator on a free loopback port for the service under test, seeds it,
 * and points the service at it (and the emulator's trigger calls at the service).
 */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalAws aws;
    private static volatile LocalAws.Seed seed;
    @Override
    public Map<String, String> start() {
        int httpPort = LocalAws.freePort();
        aws = LocalAws.start(Path.of("src/emulator/local_aws.py"), LocalAws.freePort(), "http://127.0.0.1:" + httpPort,
                Path.of("target/local-aws.log"));
        seed = aws.seed();
        String endpoint = aws.endpoint().toString();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", Integer.toString(httpPort));
        // Health and metrics are on the management interface: a free port too, so parallel runs don't clash.
        config.put("quarkus.management.test-port", Integer.toString(LocalAws.freePort()));
        config.put("local.aws-endpoint", endpoint);
        config.put("cognito.user-pool-id", seed.userPoolId());
        config.put("cognito.client-id", seed.clientId());
        config.put("local.secret-client.id", seed.secretClientId());
        config.put("local.secret-client.secret", seed.secretClientSecret());
        return config;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    public static LocalAws aws() {
        return aws;
    }

    public static LocalAws.Seed seed() {
        return seed;
    }
}
