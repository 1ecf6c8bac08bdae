package app.passkeybff.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The access line is built by hand on every request; it must read exactly as the old format did. */
class RequestLogLineTest {

    @Test
    void writesMethodPathStatusAndDurationInTenthsOfAMillisecond() {
        assertEquals("POST /connect-tokens 200 3.4ms", RequestLog.accessLine("POST", "/connect-tokens", 200, 3_449_999));
        assertEquals("GET /client-state 404 0.0ms", RequestLog.accessLine("GET", "/client-state", 404, 49_999));
        assertEquals("GET /client-state 404 0.1ms", RequestLog.accessLine("GET", "/client-state", 404, 50_000));
        assertEquals("POST /passkey-login 504 12034.5ms", RequestLog.accessLine("POST", "/passkey-login", 504, 12_034_500_000L));
    }
}
