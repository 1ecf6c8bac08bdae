package app.passkeybff.config;

import org.eclipse.microprofile.config.spi.Converter;

import java.util.regex.Pattern;

/** A cookie name (an RFC 6265 token; see {@link PositiveDuration} for why a converter). */
public class CookieName implements Converter<String> {

    private static final Pattern TOKEN = Pattern.compile(Settings.COOKIE_NAME);

    @Override
    public String convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // empty means unset, as for SmallRye's own converters
        }
        String name = value.trim();
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("must be a cookie name (letters, digits, -_.!#$%&'*+^`|~); got \"" + value + "\"");
        }
        return name;
    }
}
