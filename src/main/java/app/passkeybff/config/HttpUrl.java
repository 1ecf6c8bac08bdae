package app.passkeybff.config;

import org.eclipse.microprofile.config.spi.Converter;

import java.util.regex.Pattern;

/** An absolute http(s) URL with a host, for upstream endpoints (see {@link PositiveDuration} for why a converter). */
public class HttpUrl implements Converter<String> {

    private static final Pattern URL = Pattern.compile(Settings.HTTP_URL);

    @Override
    public String convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // empty means unset, as for SmallRye's own converters
        }
        String url = value.trim();
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("must be an http(s) URL; got \"" + value + "\"");
        }
        return url;
    }
}
