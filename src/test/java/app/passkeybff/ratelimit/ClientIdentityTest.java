package app.passkeybff.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Which bucket a client spends: an IPv6 client by its /64, and no client by an address it can choose. */
class ClientIdentityTest {

    private static final TrustedProxies NONE = TrustedProxies.parse(List.of());
    private static final TrustedProxies INGRESS = TrustedProxies.parse(List.of("10.0.240.0/24", "fd00:240::/64"));

    @Test
    void keysIpv6ClientsByTheirSlash64() {
        // One /64 is what a single subscriber or host is given: every address in it is the same client.
        String one = ClientAddress.resolve("2001:db8:1:2::1", null, NONE);
        assertEquals(one, ClientAddress.resolve("2001:db8:1:2:ffff:ffff:ffff:fffe", null, NONE));
        assertEquals(one, ClientAddress.resolve("[2001:db8:1:2:0:0:0:9]", null, NONE));
        assertNotEquals(one, ClientAddress.resolve("2001:db8:1:3::1", null, NONE));
    }

    @Test
    void keysForwardedIpv6ClientsByTheirSlash64() {
        String one = ClientAddress.resolve("10.0.240.7", "2001:db8:5:6::1", INGRESS);
        assertEquals(one, ClientAddress.resolve("10.0.240.7", "2001:db8:5:6:a:b:c:d", INGRESS));
        assertNotEquals(one, ClientAddress.resolve("10.0.240.7", "2001:db8:5:7::1", INGRESS));
    }

    @Test
    void keepsIpv4ClientsByTheirFullAddress() {
        assertNotEquals(ClientAddress.resolve("198.51.100.1", null, NONE), ClientAddress.resolve("198.51.100.2", null, NONE));
        assertEquals("198.51.100.1", ClientAddress.resolve("::ffff:198.51.100.1", null, NONE));
    }

    @Test
    void takesTheNearestHopWhenEveryHopIsTrusted() {
        // Every hop is a proxy: the last one was written by the proxy that connected to us and names who
        // connected to it; the earlier ones could be anything a client sent, trusted-looking values included.
        assertEquals("10.0.240.9", ClientAddress.resolve("10.0.240.7", "10.0.240.1, 10.0.240.9", INGRESS));
        assertNotEquals(ClientAddress.resolve("10.0.240.7", "10.0.240.1", INGRESS),
                ClientAddress.resolve("10.0.240.7", "10.0.240.2", INGRESS));
    }

    @Test
    void neverLetsTheClientChooseAmongTrustedAddresses() {
        // A client prepends trusted-looking hops: the nearest hop still decides.
        assertEquals(ClientAddress.resolve("10.0.240.7", "10.0.240.9", INGRESS),
                ClientAddress.resolve("10.0.240.7", "10.0.240.1, 10.0.240.2, 10.0.240.9", INGRESS));
    }
}
