package app.passkeybff.actions.lambda;

import app.passkeybff.actions.ActionEnvelope;
import app.passkeybff.actions.PreLoginResult;
import app.passkeybff.actions.PreLoginRule;
import app.passkeybff.cognito.UserDirectory;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Corbado pre-login action as a Lambda: event {@code {identifier}}, result {@code {statusCode, body}}. */
public class PreLoginHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PreLoginRule rule;

    public PreLoginHandler() {
        this(ActionsLambdaEnvironment.userDirectory());
    }

    public PreLoginHandler(UserDirectory users) {
        this.rule = new PreLoginRule(users);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object identifier = event == null ? null : event.get("identifier");
        PreLoginResult result = identifier instanceof String email && !email.isBlank()
                ? rule.translate(email).toCompletableFuture().join()
                : PreLoginResult.untyped("identifier is required");
        // Objects, not records: the Lambda runtime's serializer and any JSON library see plain maps.
        return ActionEnvelope.ok(ActionsLambdaEnvironment.JSON.convertValue(result, Map.class))
                .toLambdaResult(ActionsLambdaEnvironment::json);
    }
}
