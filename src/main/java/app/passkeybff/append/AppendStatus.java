package app.passkeybff.append;

import java.util.Arrays;

/** What the Corbado append component reports in {@code onComplete}. */
public enum AppendStatus {
    COMPLETE("complete", true),
    COMPLETE_NOOP("complete-noop", true),
    SKIP_IMPLICIT("skip-implicit", false),
    SKIP_EXPLICIT("skip-explicit", false);

    /** The wire values, for the request's declared constraint. */
    public static final String WIRE_VALUES = "^(complete|complete-noop|skip-implicit|skip-explicit)$";

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

    /** For a value the request's constraint already admitted. */
    public static AppendStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not an append status."));
    }
}
