package app.passkeybff.actions.lambda;

import app.passkeybff.actions.ActionEnvelope;
import app.passkeybff.actions.PostAppendRule;
import app.passkeybff.cognito.UserDirectory;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Corbado post-append action as a Lambda: event {@code {username}}, result {@code {statusCode, body}}. */
public class PostAppendHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PostAppendRule rule;

    public PostAppendHandler() {
        this(ActionsLambdaEnvironment.userDirectory());
    }

    public PostAppendHandler(UserDirectory users) {
        this.rule = new PostAppendRule(users);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object username = event == null ? null : event.get("username");
        ActionEnvelope envelope;
        try {
            if (!(username instanceof String name) || name.isBlank()) {
                throw new IllegalArgumentException("username is required");
            }
            rule.apply(name).toCompletableFuture().join();
            envelope = ActionEnvelope.ok(Map.of());
        } catch (RuntimeException e) {
            envelope = ActionEnvelope.caught(e);
        }
        return envelope.toLambdaResult(ActionsLambdaEnvironment::json);
    }
}
