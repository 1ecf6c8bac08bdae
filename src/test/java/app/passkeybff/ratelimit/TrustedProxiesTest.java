package app.passkeybff.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.1.7", "fd00:10::/32"));

    @Test
    void trustsAddressesInsideIpv4Ranges() {
        assertTrue(PROXIES.contains("10.42.3.9"));
        assertTrue(PROXIES.contains("192.168.1.7"));
        assertFalse(PROXIES.contains("11.0.0.1"));
        assertFalse(PROXIES.contains("192.168.1.8"));
    }

    @Test
    void trustsAddressesInsideIpv6Ranges() {
        assertTrue(PROXIES.contains("fd00:10:0:1::5"));
        assertTrue(PROXIES.contains("[fd00:10::1]"));
        assertFalse(PROXIES.contains("fd00:11::1"));
    }

    @Test
    void matchesIpv4MappedIpv6AsIpv4() {
        assertTrue(PROXIES.contains("::ffff:10.1.2.3"));
    }

    @Test
    void neverTrustsNamesOrGarbage() {
        assertFalse(PROXIES.contains("localhost"));
        assertFalse(PROXIES.contains("10.0.0.256"));
        assertFalse(PROXIES.contains("unknown"));
        assertFalse(PROXIES.contains(""));
    }

    @Test
    void refusesConfigurationItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("ingress-nginx")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("fd00::/129")));
    }

    @Test
    void forwardedForBehindAProxyRange() {
        assertEquals("198.51.100.7", ClientAddress.resolve("10.3.4.5", "198.51.100.7, 10.9.9.9", PROXIES));
    }
}
