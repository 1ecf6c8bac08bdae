package app.passkeybff.observability;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names an alert or dashboard query reads and the label names it relies on (in matchers
 * and in {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_*} lists), found without a
 * full PromQL parser: string literals, range and offset brackets and numbers are removed, names followed
 * by {@code (} are functions or aggregations, keywords are skipped.
 */
record PromQlReferences(Set<String> metrics, Set<String> labels) {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern NAME = Pattern.compile("(?<![0-9.a-zA-Z_:$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan",
            "by", "without", "on", "ignoring", "group_left", "group_right");

    static PromQlReferences of(String expression) {
        Set<String> metrics = new LinkedHashSet<>();
        Set<String> labels = new LinkedHashSet<>();
        // Strings emptied first, so a value such as "a{b}" or "(.*)" cannot look like PromQL.
        String rest = STRING.matcher(expression).replaceAll("\"\"");
        Matcher selector = SELECTOR.matcher(rest);
        StringBuilder withoutSelectors = new StringBuilder();
        while (selector.find()) {
            if (selector.group(1) != null) {
                metrics.add(selector.group(1));
            }
            Matcher label = MATCHER_LABEL.matcher(selector.group(2));
            while (label.find()) {
                labels.add(label.group(1));
            }
            selector.appendReplacement(withoutSelectors, " ");
        }
        selector.appendTail(withoutSelectors);
        rest = withoutSelectors.toString();
        Matcher list = LABEL_LIST.matcher(rest);
        StringBuilder withoutLists = new StringBuilder();
        while (list.find()) {
            for (String label : list.group(2).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
            list.appendReplacement(withoutLists, " ");
        }
        list.appendTail(withoutLists);
        rest = withoutLists.toString().replaceAll("\\[[^]]*]", " ").replaceAll("\"\"", " ");
        Matcher name = NAME.matcher(rest);
        while (name.find()) {
            if (name.group(2) == null && !KEYWORDS.contains(name.group(1).toLowerCase(java.util.Locale.ROOT))) {
                metrics.add(name.group(1));
            }
        }
        return new PromQlReferences(metrics, labels);
    }
}
