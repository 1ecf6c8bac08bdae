package app.passkeybff.config;

import io.quarkus.runtime.configuration.DurationConverter;
import org.eclipse.microprofile.config.spi.Converter;

import java.time.Duration;

/**
 * A duration that must be above zero (timeouts, delays), read the way Quarkus reads durations. Used
 * where Bean Validation constraints on a mapping were not applied at start-up (observed with Quarkus
 * 3.15 on {@code corbado.*}; {@code StartupConfigurationIT} checks every documented variable).
 */
public class PositiveDuration implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // empty means unset, as for SmallRye's own converters
        }
        Duration duration = DurationConverter.parseDuration(value);
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be a positive duration, e.g. 2s; got \"" + value + "\"");
        }
        return duration;
    }
}
