package app.passkeybff.config;

import org.eclipse.microprofile.config.spi.Converter;

import java.util.Locale;

/**
 * Booleans of the service's own settings. SmallRye's converter reads anything it does not know as
 * {@code false}, so a typo such as {@code RATE_LIMIT_ENABLED=ture} would switch a defence off without a
 * word: here it stops the start-up instead, naming the property and the value.
 */
public class StrictBoolean implements Converter<Boolean> {

    @Override
    public Boolean convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // empty means unset, as for SmallRye's own converters
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false, got \"" + value + "\"");
        };
    }
}
