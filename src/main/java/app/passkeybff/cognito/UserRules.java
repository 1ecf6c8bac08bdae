package app.passkeybff.cognito;

import app.passkeybff.lambda.rules.PostAppendRule;
import app.passkeybff.lambda.rules.PreLoginRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The Quarkus-free user rules (shared with the Lambda handlers) as beans on the service's guarded
 * Cognito client. Here rather than in a feature, so the append endpoint and the action webhooks both
 * use the post-append rule without one depending on the other.
 */
@ApplicationScoped
public class UserRules {

    @Produces
    @ApplicationScoped
    PreLoginRule preLoginRule(Cognito cognito) {
        return new PreLoginRule(cognito);
    }

    @Produces
    @ApplicationScoped
    PostAppendRule postAppendRule(Cognito cognito) {
        return new PostAppendRule(cognito);
    }
}
