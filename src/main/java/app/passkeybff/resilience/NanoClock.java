package app.passkeybff.resilience;

import jakarta.inject.Singleton;

/**
 * Elapsed time ({@link System#nanoTime()}) for the beans whose behaviour depends on it: how long a key
 * set is trusted, how long requests fail fast after a failed fetch. A bean, so that a test can swap in
 * a clock it moves and prove those bounds without waiting for them (or depending on the machine's speed).
 */
@Singleton
public class NanoClock {

    public long nanoTime() {
        return System.nanoTime();
    }
}
