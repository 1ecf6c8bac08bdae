package app.passkeybff.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed: single addresses or CIDR ranges,
 * IPv4 and IPv6 ({@code 10.0.0.0/8}, {@code fd00::/8}), since ingress pods and load balancer nodes
 * change address. Only literal addresses are ever parsed: a header value never causes a DNS lookup.
 */
final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Fails at start-up on an entry that is not an address or CIDR range: a typo must not trust nobody silently. */
    static TrustedProxies parse(Collection<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("TRUSTED_PROXIES: not an IP address or CIDR range: " + entry);
            }
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("TRUSTED_PROXIES: bad prefix length in " + entry);
                }
            }
            ranges.add(new Range(network, prefix));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = literal(address.trim());
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The address bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 becomes IPv4), else null. */
    static byte[] literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (IPV4.matcher(address).matches()) {
            String[] parts = address.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (address.indexOf(':') >= 0 && IPV6.matcher(address).matches()) {
            try {
                // With a ':' the JDK parses an IPv6 literal and never resolves a name.
                return InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
