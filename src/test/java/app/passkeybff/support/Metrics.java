package app.passkeybff.support;

import java.util.Arrays;
import java.util.stream.Stream;

/** The service's Prometheus scrape, read the way an alert reads it: one series' value by name and labels. */
public final class Metrics {

    private Metrics() {
    }

    /** {@code /q/metrics} on the management interface. */
    public static String scrape() {
        return Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Sum of the samples named {@code name} whose label set contains every {@code label="value"} given. */
    public static double value(String scrape, String name, String... labels) {
        return samples(scrape, name, labels).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Whether a series with this name and these labels is exposed at all (even at zero). */
    public static boolean exposes(String scrape, String name, String... labels) {
        return samples(scrape, name, labels).findAny().isPresent();
    }

    private static Stream<String> samples(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains));
    }
}
