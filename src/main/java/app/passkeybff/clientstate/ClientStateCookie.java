package app.passkeybff.clientstate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the client-state cookie: {@code HttpOnly; Secure; SameSite=Strict; Path=/},
 * bounded lifetime. The value is percent-encoded, so any clientState string is a valid cookie value.
 */
@ApplicationScoped
public class ClientStateCookie {

    /** Longest clientState the request bodies accept (a constraint of both). */
    public static final int MAX_LENGTH = 2048;

    private final ClientStateConfig config;

    public ClientStateCookie(ClientStateConfig config) {
        this.config = config;
    }

    public NewCookie write(String clientState) {
        return new NewCookie.Builder(config.cookieName())
                .value(URLEncoder.encode(clientState, StandardCharsets.UTF_8))
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) config.maxAge().toSeconds())
                .build();
    }

    public Optional<String> read(Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(config.cookieName());
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
