package app.passkeybff.ratelimit;

import java.util.List;
import java.util.Set;

/**
 * Who the client is, for rate limiting: the peer address, or, when the peer is a trusted proxy, the
 * right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy. When every hop is
 * a trusted proxy, the right-most hop: the proxy that connected to us wrote it, so it names whoever
 * connected to that proxy, while every hop left of it may be what a client sent (the left-most one
 * would let a client pick any trusted address as its bucket). IPv6 clients are keyed by their /64:
 * a subscriber or a host is given a whole /64, so its single addresses would be unlimited buckets.
 */
final class ClientAddress {

    /** Bits of an IPv6 address that name one client (RFC 4291 interface identifiers are the rest). */
    static final int IPV6_CLIENT_PREFIX = 64;

    private ClientAddress() {
    }

    static String resolve(String peer, String forwardedFor, Set<String> trustedProxies) {
        return resolve(peer, forwardedFor, TrustedProxies.parse(trustedProxies));
    }

    static String resolve(String peer, String forwardedFor, TrustedProxies trustedProxies) {
        return key(address(peer, forwardedFor, trustedProxies));
    }

    private static String address(String peer, String forwardedFor, TrustedProxies trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = List.of(forwardedFor.split(",")).stream().map(String::trim).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trustedProxies.contains(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peer : hops.get(hops.size() - 1);
    }

    /** The bucket key of an address: IPv4 as it is, IPv6 as its /64, anything else bounded in length. */
    static String key(String address) {
        byte[] bytes = TrustedProxies.literal(address.trim());
        if (bytes == null) {
            return address.length() > 64 ? address.substring(0, 64) : address;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < IPV6_CLIENT_PREFIX / 8; i += 2) {
            prefix.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF)).append(':');
        }
        return prefix.append(":/").append(IPV6_CLIENT_PREFIX).toString();
    }
}
