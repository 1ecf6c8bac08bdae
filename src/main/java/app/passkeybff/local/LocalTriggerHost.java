package app.passkeybff.local;

import app.passkeybff.corbado.CorbadoConfig;
import app.passkeybff.lambda.corbado.FrontendApiKeySet;
import app.passkeybff.lambda.corbado.PasskeyVerifier;
import app.passkeybff.secrets.Secrets;
import app.passkeybff.lambda.triggers.DefineAuthChallengeHandler;
import app.passkeybff.lambda.triggers.LambdaInvocations;
import app.passkeybff.lambda.triggers.VerifyAuthChallengeHandler;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.time.Clock;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{arn}/invocations}) for the local
 * Cognito emulator, running the project's own trigger handlers in this process. Dev and test
 * builds only: the production jar has no such endpoint.
 */
@Path("/2015-03-31/functions/{function}/invocations")
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalTriggerHost {

    private final LambdaInvocations functions;

    public LocalTriggerHost(TriggersConfig triggers, CorbadoConfig corbado, Secrets secrets) {
        this.functions = new LambdaInvocations(new DefineAuthChallengeHandler(triggers.maxAttempts()),
                new VerifyAuthChallengeHandler(new PasskeyVerifier(corbado.apiUrl(),
                        () -> secrets.current().orElseThrow().corbado(), triggers.verifyTimeout(),
                        new FrontendApiKeySet(corbado.frontendApiUrl(), corbado.timeout(), System::nanoTime),
                        Clock.systemUTC())));
    }

    @POST
    @Blocking
    @Operation(hidden = true)
    public Response invoke(@PathParam("function") String function, byte[] event) {
        try {
            byte[] result = functions.invoke(function, event);
            if (result == null) {
                return Response.status(404).type(MediaType.APPLICATION_JSON)
                        .entity("{\"Type\":\"User\",\"Message\":\"Function not found\"}").build();
            }
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        } catch (IOException | RuntimeException e) {
            // As Lambda reports an unhandled function error: 200 with X-Amz-Function-Error.
            return Response.ok("{\"errorType\":\"" + e.getClass().getSimpleName() + "\"}", MediaType.APPLICATION_JSON)
                    .header("X-Amz-Function-Error", "Unhandled").build();
        }
    }
}
