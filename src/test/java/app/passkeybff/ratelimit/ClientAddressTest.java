package app.passkeybff.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAddressTest {

    private static final Set<String> PROXIES = Set.of("10.0.0.1", "10.0.0.2");

    @Test
    void ignoresForwardedForFromUntrustedPeer() {
        assertEquals("203.0.113.5", ClientAddress.resolve("203.0.113.5", "1.2.3.4", PROXIES));
    }

    @Test
    void usesPeerWithoutForwardedFor() {
        assertEquals("10.0.0.1", ClientAddress.resolve("10.0.0.1", null, PROXIES));
    }

    @Test
    void takesRightmostAddressThatIsNotAProxy() {
        assertEquals("198.51.100.7", ClientAddress.resolve("10.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2", PROXIES));
    }

    @Test
    void takesTheNearestHopWhenEveryHopIsAProxy() {
        // Not the peer: every client behind only trusted hops would share the proxy's bucket.
        assertEquals("10.0.0.2", ClientAddress.resolve("10.0.0.1", "10.0.0.2", PROXIES));
    }

    @Test
    void bucketsRefillOverTime() {
        TokenBuckets buckets = new TokenBuckets(60, 10);
        long t = 0;
        assertEquals(0, buckets.acquire("a", t));
        for (int i = 1; i < 60; i++) {
            assertEquals(0, buckets.acquire("a", t));
        }
        assertEquals(1, buckets.acquire("a", t));
        assertEquals(0, buckets.acquire("a", t + 1_000_000_000L));
    }

    @Test
    void forgetsFullBucketsWhenTooManyClients() {
        TokenBuckets buckets = new TokenBuckets(1, 2);
        assertEquals(0, buckets.acquire("a", 0));
        assertEquals(0, buckets.acquire("b", 0));
        assertEquals(2, buckets.size());
        // Two minutes on, a and b are full again: the third client makes room by forgetting them.
        assertEquals(0, buckets.acquire("c", 120_000_000_000L));
        assertEquals(1, buckets.size());
        assertEquals(60, buckets.acquire("c", 120_000_000_000L));
    }

    @Test
    void neverForgetsAClientThatIsStillLimited() {
        TokenBuckets buckets = new TokenBuckets(1, 2);
        assertEquals(0, buckets.acquire("a", 0));
        // Flooding with new addresses must not evict a's spent bucket (that would reset its limit).
        for (int i = 0; i < 100; i++) {
            buckets.acquire("flood-" + i, 1_000_000_000L);
        }
        assertTrue(buckets.acquire("a", 2_000_000_000L) > 0, "a is still limited");
    }

    @Test
    void skipsEmptyHopsInForwardedFor() {
        assertEquals("198.51.100.7", ClientAddress.resolve("10.0.0.1", "198.51.100.7, ,", PROXIES));
        assertEquals("10.0.0.1", ClientAddress.resolve("10.0.0.1", " , ", PROXIES));
    }

    @Test
    void keysWhatIsNotAnAddressByItsFirst64Characters() {
        assertEquals("unknown", ClientAddress.key("unknown"));
        assertEquals("x".repeat(64), ClientAddress.key("x".repeat(100)));
        assertEquals("x".repeat(64), ClientAddress.key("x".repeat(64)));
        assertEquals("10.0.0.1", ClientAddress.key("10.0.0.1"));
    }

    @Test
    void writesAnIpv6KeyAsItsSlash64InHex() {
        assertEquals("2001:db8:abcd:12ff::/64", ClientAddress.key("2001:db8:abcd:12ff:1:2:3:4"));
        assertEquals("fe80:0:0:0::/64", ClientAddress.key("[fe80::1%eth0]"));
    }

    @Test
    void saysHowLongToWaitForTheNextToken() {
        // 6 a minute: one token every 10 s. A quarter of a token after 2.5 s: 7.5 s more to wait (8, rounded
        // up), not 12.5; three quarters after 7.5 s: 2.5 s more (3).
        TokenBuckets buckets = new TokenBuckets(6, 10);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, buckets.acquire("a", 0));
        }
        assertEquals(8, buckets.acquire("a", 2_500_000_000L));
        assertEquals(3, buckets.acquire("a", 7_500_000_000L));
        assertEquals(0, buckets.acquire("a", 10_500_000_000L));
    }
}
