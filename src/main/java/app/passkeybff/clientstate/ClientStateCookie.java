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

    /** How the contract describes the cookie on every answer that may set it (one wording for all). */
    public static final String SET_COOKIE_DESCRIPTION = "The client-state cookie: `__Host-cbo_client_state="
            + "<percent-encoded clientState>; Path=/; Max-Age=7776000; Secure; HttpOnly; SameSite=Strict` (name set by "
            + "CLIENT_STATE_COOKIE). Browsers keep it only when the SPA calls with `credentials: 'include'` from the "
            + "same site as the service (and an origin in CORS_ORIGINS); mobile clients keep it in their HTTP client's "
            + "cookie jar. ";
    public static final String SET_COOKIE_EXAMPLE = "__Host-cbo_client_state=eyJsYXN0TG9naW4iOiJwYXNza2V5In0; Path=/; Max-Age=7776000; Secure; HttpOnly; SameSite=Strict";

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
