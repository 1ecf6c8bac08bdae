package app.passkeybff.support;

import app.passkeybff.resilience.NanoClock;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's {@link NanoClock} as a clock only the test moves, for what depends on elapsed time (a
 * key set's max age, the pause after a failed fetch): a test profile enables it
 * ({@code getEnabledAlternatives}), and the test advances time instead of waiting for it, so what it
 * proves does not depend on how fast the machine is.
 */
@Alternative
@Singleton
public class MovableClock extends NanoClock {

    private static final AtomicLong NANOS = new AtomicLong(System.nanoTime());

    @Override
    public long nanoTime() {
        return NANOS.get();
    }

    public static void advance(Duration by) {
        NANOS.addAndGet(by.toNanos());
    }
}
