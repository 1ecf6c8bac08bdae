package app.passkeybff.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

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
        Files.writeString(copy, served);

        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode expected = yaml.readTree(Files.readString(COMMITTED));
        JsonNode actual = yaml.readTree(served);
        assertEquals(expected, actual, "openapi/openapi.yaml differs from /q/openapi; if the change is intended run: "
                + "cp target/openapi-served.yaml openapi/openapi.yaml");
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
