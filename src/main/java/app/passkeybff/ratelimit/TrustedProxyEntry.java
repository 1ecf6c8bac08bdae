package app.passkeybff.ratelimit;

import org.eclipse.microprofile.config.spi.Converter;

import java.util.List;

/**
 * Reads one {@code TRUSTED_PROXIES} entry while the configuration is validated, so an entry that is not
 * an address or CIDR range stops the start-up with the configuration errors (one line naming it), not
 * later with a stack trace when the rate-limit filter is built.
 */
public class TrustedProxyEntry implements Converter<String> {

    @Override
    public String convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // empty means unset, as for SmallRye's own converters
        }
        TrustedProxies.parse(List.of(value));
        return value.trim();
    }
}
