package app.passkeybff.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link StrictJson}'s rules on a mapper of their own, one rule a test (the service-level proof, every
 * endpoint answering 400, is {@code StrictJsonTest}).
 */
class StrictJsonRulesTest {

    enum Colour { RED, GREEN }

    record Body(String text, int number, boolean flag, double real, Colour colour) {
    }

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private Body read(String body) throws JsonProcessingException {
        return json.readValue(body, Body.class);
    }

    @Test
    void readsAWellTypedBody() throws Exception {
        assertEquals(new Body("t", 1, true, 1.5, Colour.GREEN),
                read("{\"text\":\"t\",\"number\":1,\"flag\":true,\"real\":1.5,\"colour\":\"GREEN\"}"));
    }

    @Test
    void refusesADuplicateKey() {
        assertThrows(JsonProcessingException.class, () -> read("{\"text\":\"a\",\"text\":\"b\"}"));
        assertThrows(JsonProcessingException.class, () -> json.readTree("{\"a\":1,\"a\":1}"));
    }

    @Test
    void capsNestingAt64() throws Exception {
        JsonNode deepest = json.readTree("[".repeat(64) + "]".repeat(64));
        assertEquals(64, depth(deepest));
        assertThrows(JsonProcessingException.class, () -> json.readTree("[".repeat(65) + "]".repeat(65)));
        assertThrows(JsonProcessingException.class, () -> json.readTree("{\"a\":".repeat(65) + "1" + "}".repeat(65)));
    }

    private static int depth(JsonNode node) {
        return node.isEmpty() ? 1 : 1 + depth(node.get(0));
    }

    @Test
    void refusesAScalarWhereAStringIsExpected() {
        assertThrows(JsonProcessingException.class, () -> read("{\"text\":5}"));
        assertThrows(JsonProcessingException.class, () -> read("{\"text\":1.5}"));
        assertThrows(JsonProcessingException.class, () -> read("{\"text\":true}"));
    }

    @Test
    void refusesAStringWhereANumberOrBooleanIsExpected() {
        assertThrows(JsonProcessingException.class, () -> read("{\"number\":\"5\"}"));
        assertThrows(JsonProcessingException.class, () -> read("{\"real\":\"1.5\"}"));
        assertThrows(JsonProcessingException.class, () -> read("{\"flag\":\"true\"}"));
    }

    @Test
    void refusesANumberOrBooleanForAnEnum() {
        assertThrows(JsonProcessingException.class, () -> read("{\"colour\":1}"));
        assertThrows(JsonProcessingException.class, () -> read("{\"colour\":1.0}"));
        assertThrows(JsonProcessingException.class, () -> read("{\"colour\":true}"));
    }

    @Test
    void refusesAnythingAfterTheValue() {
        assertThrows(JsonProcessingException.class, () -> read("{\"text\":\"a\"} x"));
        assertThrows(JsonProcessingException.class, () -> read("{\"text\":\"a\"}{}"));
    }
}
