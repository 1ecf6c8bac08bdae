package app.passkeybff.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One named limit: its token buckets, and the decisions they make as
 * {@code passkey_bff_rate_limit_decisions_total{limiter, decision="allowed"|"rejected"}} with the
 * clients it remembers as {@code passkey_bff_rate_limit_clients{limiter}}, so an operator can tell
 * an attack or a missing {@code TRUSTED_PROXIES} (everyone in the proxy's bucket) from normal use.
 */
final class Limiter {

    static final String DECISIONS = "passkey.bff.rate.limit.decisions";
    static final String CLIENTS = "passkey.bff.rate.limit.clients";

    private final TokenBuckets buckets;
    private final Counter allowed;
    private final Counter rejected;

    Limiter(String name, int perMinute, int maxClients, MeterRegistry registry) {
        this.buckets = new TokenBuckets(perMinute, maxClients);
        this.allowed = decisions(registry, name, "allowed");
        this.rejected = decisions(registry, name, "rejected");
        Gauge.builder(CLIENTS, buckets, TokenBuckets::size).description("Clients the rate limiter remembers")
                .tag("limiter", name).register(registry);
    }

    private static Counter decisions(MeterRegistry registry, String limiter, String decision) {
        return Counter.builder(DECISIONS).description("Rate-limit decisions")
                .tags("limiter", limiter, "decision", decision).register(registry);
    }

    /** 0 when the call may go ahead, else the seconds until it may. */
    long acquire(String key, long now) {
        long retryAfter = buckets.acquire(key, now);
        (retryAfter == 0 ? allowed : rejected).increment();
        return retryAfter;
    }
}
