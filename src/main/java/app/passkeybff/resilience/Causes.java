package app.passkeybff.resilience;

import java.util.function.Predicate;

/** Looks through an exception's cause chain: transports wrap the failure that tells what happened. */
public final class Causes {

    private Causes() {
    }

    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (test.test(current)) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    public static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return any(failure, type::isInstance);
    }
}
