package app.passkeybff.config;

import org.eclipse.microprofile.config.spi.Converter;

import java.util.regex.Pattern;

/**
 * A string setting that must match a pattern, trimmed (see {@link PositiveDuration} for why a
 * converter and not a constraint).
 */
abstract class MatchingString implements Converter<String> {

    private final Pattern pattern;
    private final String expected;

    MatchingString(String pattern, String expected) {
        this.pattern = Pattern.compile(pattern);
        this.expected = expected;
    }

    @Override
    public String convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // empty means unset, as for SmallRye's own converters
        }
        String trimmed = value.trim();
        if (!pattern.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("must be " + expected + "; got \"" + value + "\"");
        }
        return trimmed;
    }
}
