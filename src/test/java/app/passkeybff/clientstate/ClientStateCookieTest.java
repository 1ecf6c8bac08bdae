package app.passkeybff.clientstate;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cookie name is configuration (CLIENT_STATE_COOKIE); a __Host- name gets what the prefix demands. */
class ClientStateCookieTest {

    private static ClientStateCookie named(String name) {
        return new ClientStateCookie(new ClientStateConfig() {
            @Override
            public String cookieName() {
                return name;
            }

            @Override
            public Duration maxAge() {
                return Duration.ofDays(90);
            }
        });
    }

    @Test
    void hostPrefixedCookieIsSecureHostOnlyAndAtTheRoot() {
        NewCookie cookie = named("__Host-cbo_client_state").write("state");
        assertEquals("__Host-cbo_client_state", cookie.getName());
        assertTrue(cookie.isSecure() && cookie.isHttpOnly());
        assertEquals("/", cookie.getPath());
        assertEquals(null, cookie.getDomain());
    }

    @Test
    void readsAndWritesUnderAConfiguredName() {
        ClientStateCookie custom = named("my_state");
        assertEquals("my_state", custom.write("a b").getName());
        assertEquals("a b", custom.read(Map.of("my_state", new Cookie.Builder("my_state").value("a+b").build())).orElseThrow());
        assertTrue(custom.read(Map.of("__Host-cbo_client_state", new Cookie.Builder("x").value("v").build())).isEmpty());
    }
}
