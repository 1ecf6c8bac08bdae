package app.passkeybff.lambda.secrets;

import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * SSM parameters as a warm Lambda container keeps them: read on first use, re-read after
 * {@code refresh}. A failed re-read keeps the last good values and is tried again after
 * {@code retry}, so an SSM outage neither fails logins nor costs every invocation an SSM timeout.
 * Without any good values yet, each call tries SSM and throws when it cannot.
 */
public final class CachedParameters implements Supplier<Map<String, String>> {

    private final SsmClient ssm;
    private final List<String> names;
    private final long refreshNanos;
    private final long retryNanos;
    private final LongSupplier clock;
    private Map<String, String> values;
    private long nextLoad;

    public CachedParameters(SsmClient ssm, List<String> names, Duration refresh, Duration retry, LongSupplier nanoClock) {
        this.ssm = ssm;
        this.names = List.copyOf(names);
        this.refreshNanos = refresh.toNanos();
        this.retryNanos = retry.toNanos();
        this.clock = nanoClock;
    }

    /**
     * Reads the parameters now if it can, for a handler's constructor: Lambda runs it in the init
     * phase, with its own time limit and full CPU, so the first login does not pay a cold SDK's first
     * call inside Cognito's 5 s. A failure here is only reported; {@link #get()} tries again.
     */
    public void warm() {
        try {
            get();
        } catch (RuntimeException e) {
            // Already reported by get(); the first use tries again.
        }
    }

    @Override
    public synchronized Map<String, String> get() {
        if (values != null && clock.getAsLong() - nextLoad < 0) {
            return values;
        }
        try {
            values = SecretParameters.values(names, ssm.getParameters(SecretParameters.request(names)));
            nextLoad = clock.getAsLong() + refreshNanos;
        } catch (RuntimeException e) {
            // Lambda sends stderr to CloudWatch; the SDK's exception names the failure, never a value.
            if (values == null) {
                // Each failed read says so: the verify trigger itself only reports generic_error.
                System.err.println("SSM read failed (" + e.getClass().getSimpleName() + "); nothing loaded yet, trying again on next use");
                throw e;
            }
            nextLoad = clock.getAsLong() + retryNanos;
            System.err.println("SSM refresh failed (" + e.getClass().getSimpleName() + "); keeping the last good values");
        }
        return values;
    }
}
