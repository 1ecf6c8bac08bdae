package app.passkeybff.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/** Token buckets per key, refilled continuously; bounded in the number of keys it remembers. */
final class TokenBuckets {

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final double capacity;
    private final double perNano;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(int perMinute, int maxKeys) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.maxKeys = maxKeys;
    }

    /** 0 when the call may go ahead, else the seconds until it may. */
    long acquire(String key, long now) {
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            // Full buckets are indistinguishable from new ones: forgetting them changes nothing.
            buckets.values().removeIf(bucket -> refilled(bucket, now) >= capacity);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = refilled(bucket, now);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9);
        }
    }

    /** Clients currently remembered. */
    int size() {
        return buckets.size();
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(capacity, bucket.tokens + (now - bucket.updatedNanos) * perNano);
    }
}
