package app.passkeybff.append;

import app.passkeybff.problem.ProblemException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What the Corbado append component reports in {@code onComplete}. */
public enum AppendStatus {
    COMPLETE("complete", true),
    COMPLETE_NOOP("complete-noop", true),
    SKIP_IMPLICIT("skip-implicit", false),
    SKIP_EXPLICIT("skip-explicit", false);

    private final String wire;
    private final boolean completed;

    AppendStatus(String wire, boolean completed) {
        this.wire = wire;
        this.completed = completed;
    }

    public String wire() {
        return wire;
    }

    /** The user has a passkey now (new or already there). */
    public boolean completed() {
        return completed;
    }

    public static AppendStatus parse(String value) {
        if (value == null) {
            throw ProblemException.invalidRequest("Field 'appendStatus' is required.");
        }
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> ProblemException.invalidRequest("Field 'appendStatus' must be one of "
                        + Arrays.stream(values()).map(AppendStatus::wire).collect(Collectors.joining(", ")) + "."));
    }
}
