package app.passkeybff.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {

    /**
     * Parsed per test, not in a static initializer: a mutation tester runs many mutants in one JVM, and a
     * static field would be parsed once, by the first mutant's code.
     */
    private final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.1.7", "fd00:10::/32"));

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

    @Test
    void matchesPrefixesThatEndInsideAByte() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.240.0/20", "fd00:0:0:ff80::/57"));
        assertTrue(proxies.contains("10.0.240.1"));
        assertTrue(proxies.contains("10.0.255.254"));
        assertFalse(proxies.contains("10.0.239.255"));
        assertFalse(proxies.contains("10.1.240.1"));
        assertTrue(proxies.contains("fd00:0:0:ff80::1"));
        assertTrue(proxies.contains("fd00:0:0:ffff::1"));
        assertFalse(proxies.contains("fd00:0:0:ff7f::1"));
    }

    @Test
    void acceptsTheWholeRangeOfPrefixLengthsAndOctets() {
        assertTrue(TrustedProxies.parse(List.of("10.0.0.1/32")).contains("10.0.0.1"));
        assertFalse(TrustedProxies.parse(List.of("10.0.0.1/32")).contains("10.0.0.2"));
        assertTrue(TrustedProxies.parse(List.of("0.0.0.0/0")).contains("203.0.113.9"));
        assertTrue(TrustedProxies.parse(List.of("fd00::1/128")).contains("fd00::1"));
        assertTrue(TrustedProxies.parse(List.of("255.255.255.255")).contains("255.255.255.255"));
        assertTrue(TrustedProxies.parse(List.of(" 10.0.0.1 ", "")).contains("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/-1")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/eight")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("/8")));
    }

    @Test
    void trustsNobodyWhenNothingIsConfigured() {
        TrustedProxies none = TrustedProxies.parse(List.of());
        assertFalse(none.contains("10.0.0.1"));
        assertFalse(PROXIES.contains(null));
    }

    @Test
    void configurationConverterNamesTheBadEntryAndTrimsGoodOnes() {
        TrustedProxyEntry converter = new TrustedProxyEntry();
        assertEquals("10.0.240.0/24", converter.convert(" 10.0.240.0/24 "));
        assertEquals(null, converter.convert(" "));
        assertEquals(null, converter.convert(null));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> converter.convert("ingress-nginx"));
        assertTrue(bad.getMessage().contains("ingress-nginx"), bad.getMessage());
    }
}
