package app.passkeybff.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The documentation is split by reader (README.md, SECURITY.md, docs/*.md); these checks keep the split honest:
 * no variable the code reads goes undocumented or is documented twice, no link points nowhere, and no test
 * SECURITY.md cites as proof is missing.
 */
class DocumentationTest {

    private static final Path CONFIGURATION = Path.of("docs/configuration.md");
    private static final Pattern PROPERTY_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern LAMBDA_VARIABLE = Pattern.compile("(?:optional|duration)\\(\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

    /** Every environment variable the service (application.properties) or the Lambda handlers read. */
    static Set<String> variablesTheCodeReads() throws IOException {
        Set<String> names = new TreeSet<>();
        collect(PROPERTY_VARIABLE, Files.readString(Path.of("src/main/resources/application.properties")), names);
        collect(LAMBDA_VARIABLE, Files.readString(Path.of("src/main/java/app/passkeybff/lambda/LambdaEnvironment.java")), names);
        return names;
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    /** The first cell of each row of the configuration tables: the variables a row documents. */
    static List<String> documentedVariableCells() throws IOException {
        return Files.readString(CONFIGURATION).lines()
                .filter(line -> line.startsWith("| `"))
                .map(line -> line.substring(1, line.indexOf('|', 1)))
                .toList();
    }

    @Test
    void everyVariableTheCodeReadsIsDocumentedOnceWithItsDefault() throws IOException {
        List<String> cells = documentedVariableCells();
        List<String> problems = new ArrayList<>();
        for (String variable : variablesTheCodeReads()) {
            long rows = cells.stream().filter(cell -> cell.contains("`" + variable + "`")).count();
            if (rows != 1) {
                problems.add(variable + " is in " + rows + " rows of " + CONFIGURATION);
            }
        }
        assertEquals(List.of(), problems);
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : Files.readString(markdown).lines().toList()) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                anchors.add(anchor(heading.group(1)));
            }
        }
        return anchors;
    }

    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("SECURITY.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyRelativeLinkPointsToAnExistingFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? document : document.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(document + ": " + target + " (no such file)");
                } else if (fragment != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
                    broken.add(document + ": " + target + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyTestSecurityMdCitesExists() throws IOException {
        String security = Files.readString(Path.of("SECURITY.md"));
        List<String> missing = new ArrayList<>();
        // `pkg.ClassTest`, `ClassTest#method`, `#method` (of the class cited last), and `ClassTest` (`m1`, `m2`);
        // parentheses after `ClassTest#method` describe it.
        Matcher cited = Pattern.compile("`((?:[a-z]+\\.)*[A-Z]\\w*(?:Test|IT))(?:#(\\w+))?`(?: \\(([^)]*)\\))?|`#(\\w+)`")
                .matcher(security);
        String lastClass = null;
        while (cited.find()) {
            List<String> methods = new ArrayList<>();
            if (cited.group(1) != null) {
                lastClass = cited.group(1);
                if (testSource(lastClass) == null) {
                    missing.add(lastClass);
                    continue;
                }
                if (cited.group(2) != null) {
                    methods.add(cited.group(2));
                }
                if (cited.group(2) == null && cited.group(3) != null) {
                    // Only method-like names: a list may also hold prose (`future `iat``).
                    Matcher listed = Pattern.compile("`#?([a-z]+[A-Z]\\w+)`").matcher(cited.group(3));
                    while (listed.find()) {
                        methods.add(listed.group(1));
                    }
                }
            } else if (lastClass != null) {
                methods.add(cited.group(4));
            }
            Path source = lastClass == null ? null : testSource(lastClass);
            for (String method : methods) {
                if (source != null && !Pattern.compile("\\b" + method + "\\s*\\(").matcher(Files.readString(source)).find()) {
                    missing.add(lastClass + "#" + method);
                }
            }
        }
        assertEquals(List.of(), missing, "SECURITY.md cites tests that do not exist");
    }

    /** The source of a test class named by its simple name or its package below app.passkeybff. */
    private static Path testSource(String name) throws IOException {
        String file = name.replace('.', '/') + ".java";
        try (Stream<Path> sources = Files.walk(Path.of("src/test/java/app/passkeybff"))) {
            return sources.filter(path -> path.toString().endsWith("/" + file)).findFirst().orElse(null);
        }
    }
}
