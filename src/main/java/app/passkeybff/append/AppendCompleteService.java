package app.passkeybff.append;

import app.passkeybff.auth.IdTokenUser;
import app.passkeybff.cognito.CognitoErrors;
import app.passkeybff.lambda.rules.PostAppendRule;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/** After the append component reported a passkey for the user: the post-append MFA rule, unless switched off. */
@ApplicationScoped
public class AppendCompleteService {

    private final PostAppendRule postAppend;
    private final AppendConfig config;

    public AppendCompleteService(PostAppendRule postAppend, AppendConfig config) {
        this.postAppend = postAppend;
        this.config = config;
    }

    /** Completes with whether this call changed the user's MFA. */
    public Uni<Boolean> completed(IdTokenUser user) {
        if (!config.mfaOnAppend()) {
            return Uni.createFrom().item(false);
        }
        return Uni.createFrom().completionStage(() -> postAppend.apply(user.username()))
                .onFailure(CognitoIdentityProviderException.class)
                .transform(failure -> CognitoErrors.refused("the MFA update", (CognitoIdentityProviderException) failure));
    }
}
