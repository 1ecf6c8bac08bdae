package app.passkeybff.ratelimit;

import java.util.List;
import java.util.Set;

/**
 * Who the client is, for rate limiting: the peer address, or, when the peer is a trusted proxy, the
 * right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String resolve(String peer, String forwardedFor, Set<String> trustedProxies) {
        return resolve(peer, forwardedFor, TrustedProxies.parse(trustedProxies));
    }

    static String resolve(String peer, String forwardedFor, TrustedProxies trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = List.of(forwardedFor.split(","));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
