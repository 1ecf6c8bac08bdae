package app.passkeybff.actions;

import app.passkeybff.cognito.CognitoErrors;
import app.passkeybff.lambda.rules.PostAppendRule;
import app.passkeybff.lambda.rules.PreLoginResult;
import app.passkeybff.lambda.rules.PreLoginRule;
import app.passkeybff.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.Map;

/**
 * The Corbado actions as webhooks for Corbado to call, authenticated with the actions secret from
 * SSM. Pre-login answers the guide's bodies exactly; post-append answers {@code {}} or a problem.
 */
@Path("/actions")
@Tag(name = "webhooks")
@SecurityRequirement(name = "actionsSecret")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ActionsResource {

    private final PreLoginRule preLogin;
    private final PostAppendRule postAppend;

    /** The actions secret is checked before either method runs ({@link ActionsSecretCheck}). */
    public ActionsResource(PreLoginRule preLogin, PostAppendRule postAppend) {
        this.preLogin = preLogin;
        this.postAppend = postAppend;
    }

    @POST
    @Path("/pre-login")
    @Operation(operationId = "preLoginAction", summary = "Corbado pre-login action: email to Cognito username",
            description = "Always 200 with the guide's body: the Cognito username, or an empty identifier and an error "
                    + "(silent: account_disabled, force_change_password; custom: reset_required; user_not_found; untyped).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PreLoginRequest.class)))
    @APIResponse(responseCode = "200", description = "Translated, or why not.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreLoginResult.class),
                    examples = {
                            @ExampleObject(name = "success", value = "{\"identifier\":\"7491fa5b-7e00-486a-90de-71af35572cb4\"}"),
                            @ExampleObject(name = "silent", value = "{\"identifier\":\"\",\"error\":{\"return\":false,\"code\":\"account_disabled\"}}"),
                            @ExampleObject(name = "custom", value = "{\"identifier\":\"\",\"error\":{\"return\":true,\"code\":\"reset_required\",\"payload\":\"\"}}"),
                            @ExampleObject(name = "user_not_found", value = "{\"identifier\":\"\",\"error\":{\"return\":true,\"code\":\"user_not_found\",\"message\":\"There is no account registered to that email address.\"}}"),
                            @ExampleObject(name = "untyped", value = "{\"identifier\":\"\",\"error\":{\"return\":true,\"code\":\"untyped\",\"message\":\"unhandled user status\"}}")}))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "InvalidToken")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    public Uni<PreLoginResult> preLogin(
            @Valid @NotNull(message = "A JSON body with field 'identifier' is required.") PreLoginRequest request) {
        return Uni.createFrom().completionStage(() -> preLogin.translate(request.identifier()));
    }

    @POST
    @Path("/post-append")
    @Operation(operationId = "postAppendAction", summary = "Corbado post-append action: switch on SMS MFA",
            description = "Enables SMS MFA (preferred) when the user has no MFA yet; idempotent. Failures are problem "
                    + "details (the Lambda twin reports them in the guide's 500 envelope instead).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PostAppendRequest.class)))
    @APIResponse(responseCode = "200", description = "Done (or nothing to do).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PostAppendResult"),
                    examples = @ExampleObject(name = "done", value = "{}")))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "InvalidToken")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "404", description = "`user_not_found`: no Cognito user has this username.",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = app.passkeybff.problem.Problem.class)))
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "UpstreamError")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    @APIResponse(responseCode = "504", ref = "UpstreamTimeout")
    public Uni<Map<String, Object>> postAppend(
            @Valid @NotNull(message = "A JSON body with field 'username' is required.") PostAppendRequest request) {
        return Uni.createFrom().completionStage(() -> postAppend.apply(request.username()))
                .map(changed -> Map.<String, Object>of())
                .onFailure(CognitoIdentityProviderException.class)
                .transform(failure -> refused((CognitoIdentityProviderException) failure));
    }

    /** Cognito's "no" about the caller's input is the caller's 4xx; anything else is Cognito's problem. */
    private static ProblemException refused(CognitoIdentityProviderException failure) {
        if (failure instanceof UserNotFoundException) {
            return new ProblemException(404, "user_not_found", "User not found", "No Cognito user has this username.");
        }
        if (failure instanceof InvalidParameterException) {
            return ProblemException.invalidRequest("Cognito rejected the username.");
        }
        return CognitoErrors.refused("the MFA update", failure);
    }
}
