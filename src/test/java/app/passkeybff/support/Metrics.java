package app.passkeybff.support;

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
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Whether a series with this name and these labels is exposed at all (even at zero). */
    public static boolean exposes(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean all = true;
                for (String label : labels) {
                    all &= line.contains(label);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }
}
