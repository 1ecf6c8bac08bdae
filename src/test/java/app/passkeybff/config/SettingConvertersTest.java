package app.passkeybff.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strict readers of the service's own settings, value by value (that a bad value stops the packaged
 * service with one line naming the variable is {@code StartupConfigurationIT}'s).
 */
class SettingConvertersTest {

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", " yes ,true", "on,true", "1,true", "false,false", "No,false", "off,false", "0,false"})
    void readsTheUsualSpellingsOfABoolean(String value, boolean expected) {
        assertEquals(expected, new StrictBoolean().convert(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ture", "flase", "y", "2", "enabled", "t"})
    void refusesABooleanTypo(String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new StrictBoolean().convert(value));
        assertEquals("expected true or false, got \"" + value + "\"", refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"2s,PT2S", "250ms,PT0.25S", " 5m ,PT5M", "PT1H,PT1H", "3,PT3S"})
    void readsPositiveDurations(String value, String expected) {
        assertEquals(Duration.parse(expected), new PositiveDuration().convert(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0", "-1s", "PT0S", "-PT1S"})
    void refusesZeroAndNegativeDurations(String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new PositiveDuration().convert(value));
        assertTrue(refused.getMessage().startsWith("must be a positive duration"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://backendapi.cloud.corbado.io", "http://127.0.0.1:8080/local/corbado", " https://a.example/x?y "})
    void readsHttpUrls(String value) {
        assertEquals(value.trim(), new HttpUrl().convert(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://a.example", "not a url", "https://", "https://user@host.example", "//host.example", "https://a b.example"})
    void refusesWhatIsNoHttpUrl(String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new HttpUrl().convert(value));
        assertEquals("must be an http(s) URL; got \"" + value + "\"", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"__Host-cbo_client_state", "a", "x!#$%&'*+-.^_`|~9"})
    void readsCookieNames(String value) {
        assertEquals(value, new CookieName().convert(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad;name", "with space", "a=b", "quote\"d", "comma,s"})
    void refusesWhatIsNoCookieName(String value) {
        assertThrows(IllegalArgumentException.class, () -> new CookieName().convert(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void treatsAnEmptyValueAsUnset(String value) {
        assertNull(new StrictBoolean().convert(value));
        assertNull(new PositiveDuration().convert(value));
        assertNull(new HttpUrl().convert(value));
        assertNull(new CookieName().convert(value));
        assertNull(new StrictBoolean().convert(null));
        assertNull(new PositiveDuration().convert(null));
        assertNull(new HttpUrl().convert(null));
    }

    @ParameterizedTest
    @CsvSource({"us-east-1,true", "eu-central-2,true", "us-gov-west-1,true", "cn-north-1,true", "us east 1,false",
            "useast1,false", "US-EAST-1,false", "us-east,false"})
    void awsRegionPatternMatchesRegionNames(String value, boolean matches) {
        assertEquals(matches, value.matches(Settings.AWS_REGION));
    }
}
