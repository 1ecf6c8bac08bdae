package app.passkeybff.lambda.triggers;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The triggers log the trace context Lambda hands them, its known fields only, and nothing when there is none. */
class TraceHeaderTest {

    static final String HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @AfterEach
    void clearProperty() {
        System.clearProperty(TraceHeader.PROPERTY);
    }

    @Test
    void readsThePerInvocationPropertyBeforeTheEnvironment() {
        String older = "Root=1-00000000-000000000000000000000000;Sampled=0";
        assertEquals(Optional.of(HEADER), TraceHeader.read(Map.of(TraceHeader.PROPERTY, HEADER)::get,
                Map.of(TraceHeader.VARIABLE, older)::get));
        assertEquals(Optional.of(older), TraceHeader.read(name -> null, Map.of(TraceHeader.VARIABLE, older)::get));
        assertEquals(Optional.empty(), TraceHeader.read(name -> null, name -> null));
    }

    @Test
    void keepsOnlyTheFieldsOfTheKnownShape() {
        assertEquals(Optional.of("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0"),
                TraceHeader.known("Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=a87bd80c:1|68fd508a:5;Sampled=0;Token=secret"));
        assertEquals(Optional.empty(), TraceHeader.known("Parent=53995c3f42cd8ad8;Sampled=1"));
        assertEquals(Optional.empty(), TraceHeader.known("Root=1-5759e988-bd862e3fe1be46a994272793\ninjected line"));
    }

    @Test
    void defineAndCreateLogTheirStepWithTheTraceContext() {
        System.setProperty(TraceHeader.PROPERTY, HEADER);
        List<String> lines = new ArrayList<>();
        Context context = context(lines);
        var define = new CognitoUserPoolDefineAuthChallengeEvent();
        define.setRequest(new CognitoUserPoolDefineAuthChallengeEvent.Request());
        new DefineAuthChallengeHandler(3).handleRequest(define, context);
        var create = new CognitoUserPoolCreateAuthChallengeEvent();
        create.setRequest(new CognitoUserPoolCreateAuthChallengeEvent.Request());
        new CreateAuthChallengeHandler().handleRequest(create, context);
        assertEquals(List.of("define-auth-challenge: decision=CHALLENGE trace=" + HEADER,
                "create-auth-challenge: challenge=CORBADO_PASSKEY trace=" + HEADER), lines);
    }

    @Test
    void logsNoTracePartWithoutATraceContext() {
        List<String> lines = new ArrayList<>();
        var define = new CognitoUserPoolDefineAuthChallengeEvent();
        define.setRequest(new CognitoUserPoolDefineAuthChallengeEvent.Request());
        // The build's own environment may carry a header: only the property is under the test's control.
        String expected = "define-auth-challenge: decision=CHALLENGE"
                + TraceHeader.read(name -> null, System::getenv).map(h -> " trace=" + h).orElse("");
        new DefineAuthChallengeHandler(3).handleRequest(define, context(lines));
        assertEquals(List.of(expected), lines);
    }

    /** A Lambda Context whose logger collects the lines (the runtime would send them to CloudWatch). */
    static Context context(List<String> lines) {
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.add(message);
            }

            @Override
            public void log(byte[] message) {
                lines.add(new String(message, StandardCharsets.UTF_8));
            }
        };
        return new Context() {
            public String getAwsRequestId() { return "req-1"; }
            public String getLogGroupName() { return null; }
            public String getLogStreamName() { return null; }
            public String getFunctionName() { return "passkey-trigger"; }
            public String getFunctionVersion() { return "$LATEST"; }
            public String getInvokedFunctionArn() { return null; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return 5000; }
            public int getMemoryLimitInMB() { return 512; }
            public LambdaLogger getLogger() { return logger; }
        };
    }
}
