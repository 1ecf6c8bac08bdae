package app.passkeybff.lambda.triggers;

import com.amazonaws.services.lambda.runtime.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The trace context Lambda hands an invocation, for the triggers' log lines: the X-Ray trace header
 * ({@code Root=1-…;Parent=…;Sampled=…}) that the Java runtime sets per invocation in the system
 * property {@code com.amazonaws.xray.traceHeader} and, for the first one, in {@code _X_AMZN_TRACE_ID}.
 * Its root is Cognito's when Cognito passed a trace on (it usually does not), else the invocation's own.
 * Only the fields of the header's known shape are kept, so nothing else can reach the log.
 */
public final class TraceHeader {

    static final String PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String VARIABLE = "_X_AMZN_TRACE_ID";
    private static final Pattern ROOT = Pattern.compile("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    private static final Pattern PARENT = Pattern.compile("Parent=[0-9a-f]{16}");
    private static final Pattern SAMPLED = Pattern.compile("Sampled=[01?]");

    private TraceHeader() {
    }

    /** The current invocation's trace header, its known fields only; empty when there is none. */
    public static Optional<String> current() {
        return read(System::getProperty, System::getenv);
    }

    static Optional<String> read(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String header = properties.apply(PROPERTY);
        if (header == null || header.isBlank()) {
            header = environment.apply(VARIABLE);
        }
        return header == null ? Optional.empty() : known(header);
    }

    static Optional<String> known(String header) {
        List<String> fields = new ArrayList<>();
        for (String field : header.split(";")) {
            String trimmed = field.strip();
            if (ROOT.matcher(trimmed).matches() || PARENT.matcher(trimmed).matches() || SAMPLED.matcher(trimmed).matches()) {
                fields.add(trimmed);
            }
        }
        return fields.stream().anyMatch(f -> f.startsWith("Root=")) ? Optional.of(String.join(";", fields)) : Optional.empty();
    }

    /** {@code "<trigger>: <what> trace=<header>"} to the invocation's log, the trace part only when there is one. */
    static void log(Context context, String trigger, String what) {
        if (context == null) {
            return;
        }
        String trace = current().map(header -> " trace=" + header).orElse("");
        context.getLogger().log(trigger + ": " + what + trace);
    }
}
