package app.passkeybff.actions;

import app.passkeybff.cognito.Cognito;
import app.passkeybff.lambda.rules.PostAppendRule;
import app.passkeybff.lambda.rules.PreLoginRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The plain action rules as beans, running on the service's guarded Cognito client. */
@ApplicationScoped
public class ActionRules {

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
