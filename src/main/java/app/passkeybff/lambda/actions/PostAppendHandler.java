package app.passkeybff.lambda.actions;

import app.passkeybff.lambda.rules.PostAppendRule;
import app.passkeybff.lambda.cognito.UserDirectory;
import app.passkeybff.lambda.LambdaEnvironment;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Corbado post-append action as a Lambda: event {@code {username}}, result {@code {statusCode, body}}. */
public class PostAppendHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PostAppendRule rule;

    public PostAppendHandler() {
        this(LambdaEnvironment.system().userDirectory());
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
        return envelope.toLambdaResult();
    }
}
