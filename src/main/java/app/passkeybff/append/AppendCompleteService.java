package app.passkeybff.append;

import app.passkeybff.actions.ActionsConfig;
import app.passkeybff.lambda.rules.PostAppendRule;
import app.passkeybff.auth.IdTokenUser;
import app.passkeybff.cognito.CognitoErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/** After the append component finished: the post-append MFA rule for completed appends, nothing for skips. */
@ApplicationScoped
public class AppendCompleteService {

    private final PostAppendRule postAppend;
    private final ActionsConfig config;

    public AppendCompleteService(PostAppendRule postAppend, ActionsConfig config) {
        this.postAppend = postAppend;
        this.config = config;
    }

    public Uni<AppendCompleteResponse> complete(IdTokenUser user, AppendStatus status) {
        if (!status.completed() || !config.mfaOnAppend()) {
            return Uni.createFrom().item(new AppendCompleteResponse(status.wire(), false));
        }
        return Uni.createFrom().completionStage(() -> postAppend.apply(user.username()))
                .map(changed -> new AppendCompleteResponse(status.wire(), changed))
                .onFailure(CognitoIdentityProviderException.class)
                .transform(failure -> CognitoErrors.refused("the MFA update", (CognitoIdentityProviderException) failure));
    }
}
