package app.passkeybff.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every {@code @QuarkusTest} runs against the local Cognito/SSM emulator started by
 * {@link LocalAwsResource} and the Corbado stub served by the service's dev/test build.
 */
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = false)
public final class ServiceTest {
    private ServiceTest() {
    }
}
