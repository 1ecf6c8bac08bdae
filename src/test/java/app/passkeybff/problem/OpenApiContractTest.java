package app.passkeybff.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed contract is exactly what the service serves. */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    @Test
    void committedOpenApiEqualsServedDocument() throws Exception {
        String served = given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        Path copy = Path.of("target/openapi-served.yaml");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, quoteTimestamps(inReadingOrder(served)));

        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode expected = yaml.readTree(Files.readString(COMMITTED));
        JsonNode actual = yaml.readTree(served);
        assertEquals(expected, actual, "openapi/openapi.yaml differs from /q/openapi; if the change is intended run: "
                + "cp target/openapi-served.yaml openapi/openapi.yaml");
    }

    /**
     * SmallRye writes a date-time example such as {@code 2026-11-25T15:04:05Z} as a plain YAML scalar,
     * which YAML 1.1 loaders (PyYAML, js-yaml in some modes, SnakeYAML) turn into a date object. The
     * copy to commit quotes such scalars; the comparison above is by value, so both forms are equal.
     */
    static String quoteTimestamps(String yaml) {
        return PLAIN_TIMESTAMP.matcher(yaml).replaceAll("$1\"$2\"");
    }

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z][\\w-]*):");
    private static final List<String> READING_ORDER =
            List.of("openapi", "info", "servers", "tags", "paths", "components");

    /**
     * SmallRye 4 writes {@code components} first; the copy to commit puts the top-level sections in the order a
     * reader wants them (info, servers, tags, paths, then components). Only whole top-level blocks move.
     */
    static String inReadingOrder(String yaml) {
        Map<String, StringBuilder> blocks = new LinkedHashMap<>();
        StringBuilder head = new StringBuilder();
        StringBuilder current = head;
        for (String line : yaml.split("\n", -1)) {
            Matcher key = TOP_LEVEL_KEY.matcher(line);
            if (key.find()) {
                current = blocks.computeIfAbsent(key.group(1), k -> new StringBuilder());
            }
            current.append(line).append('\n');
        }
        StringBuilder ordered = new StringBuilder(head);
        READING_ORDER.stream().filter(blocks::containsKey).forEach(k -> ordered.append(blocks.remove(k)));
        blocks.values().forEach(ordered::append);
        return ordered.toString().replaceAll("\n+$", "\n");
    }

    private static final Pattern PLAIN_TIMESTAMP = Pattern.compile(
            "(?m)^(\\s*(?:- )?[\\w$-]+: )(\\d{4}-\\d{2}-\\d{2}(?:[Tt ][0-9:.]+(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?)[ \\t]*$");

    @Test
    void committedContractQuotesTimestampLikeExamples() throws Exception {
        String committed = Files.readString(COMMITTED);
        assertEquals(committed, quoteTimestamps(committed),
                "a plain date/time scalar in openapi/openapi.yaml loads as a date in YAML 1.1 tools: quote it");
    }

    @Test
    void servedDocumentHidesLocalOnlyEndpoints() {
        String served = given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        assertTrue(served.contains("/passkey-login:"), "the served document is the contract");
        assertFalse(served.contains("/local/"), "the Corbado stub is not part of the product contract");
        assertFalse(served.contains("/2015-03-31/"), "the local trigger host is not part of the product contract");
    }
}
