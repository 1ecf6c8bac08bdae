package app.passkeybff.secrets;

import app.passkeybff.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * The service's one SSM SDK client ({@link AwsClients}: Netty, retries off: {@link Secrets} re-reads on
 * its own schedule), built from {@link SecretsConfig} and closed with the application.
 */
@ApplicationScoped
public class SsmClients {

    @Produces
    @Singleton
    SsmAsyncClient ssm(SecretsConfig config) {
        return AwsClients.build(SsmAsyncClient.builder(), config.region(), config.endpoint(),
                config.localCredentials(), config.timeout().plusSeconds(1));
    }

    void close(@Disposes SsmAsyncClient client) {
        client.close();
    }
}
