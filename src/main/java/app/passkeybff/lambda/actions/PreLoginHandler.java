package app.passkeybff.lambda.actions;

import app.passkeybff.lambda.rules.PreLoginResult;
import app.passkeybff.lambda.rules.PreLoginRule;
import app.passkeybff.lambda.cognito.UserDirectory;
import app.passkeybff.lambda.LambdaEnvironment;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Corbado pre-login action as a Lambda: event {@code {identifier}}, result {@code {statusCode, body}}. */
public class PreLoginHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PreLoginRule rule;

    public PreLoginHandler() {
        this(LambdaEnvironment.system().userDirectory());
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
        return ActionEnvelope.ok(ActionEnvelope.JSON.convertValue(result, Map.class))
                .toLambdaResult();
    }
}
