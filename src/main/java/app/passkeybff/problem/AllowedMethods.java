package app.passkeybff.problem;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code Allow} header of a 405 (RFC 9110 15.5.6 makes it mandatory), which RESTEasy Reactive leaves
 * out: the HTTP methods of each resource path, read once from the JAX-RS annotations of the resource beans.
 */
@Singleton
public class AllowedMethods {

    private final Map<String, String> byPath = new HashMap<>();

    public AllowedMethods(BeanManager beans) {
        Map<String, TreeSet<String>> methods = new HashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : bean.getBeanClass().getMethods()) {
                Path sub = method.getAnnotation(Path.class);
                String path = route(root.value() + (sub == null ? "" : "/" + sub.value()));
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        methods.computeIfAbsent(path, p -> new TreeSet<>()).add(http.value());
                    }
                }
            }
        }
        methods.forEach((path, verbs) -> {
            if (verbs.contains(HttpMethod.GET)) {
                verbs.add(HttpMethod.HEAD);
            }
            verbs.add(HttpMethod.OPTIONS);
            byPath.put(path, String.join(", ", verbs));
        });
    }

    /** The methods of the resource at {@code path}, as an Allow value; empty when no resource is there. */
    public Optional<String> at(String path) {
        return Optional.ofNullable(byPath.get(route(path)));
    }

    /** Whether {@code route} (as {@link #route} writes it) is the path of one of the service's resources. */
    public boolean isRoute(String route) {
        return byPath.containsKey(route);
    }

    /**
     * The path as the router matches it: no empty segments, no trailing slash, no matrix parameters
     * (also the rate limiter's key for which limit applies).
     */
    public static String route(String path) {
        StringBuilder normalized = new StringBuilder();
        for (String segment : path.split("/")) {
            int matrix = segment.indexOf(';');
            String name = matrix < 0 ? segment : segment.substring(0, matrix);
            if (!name.isEmpty()) {
                normalized.append('/').append(name);
            }
        }
        return normalized.isEmpty() ? "/" : normalized.toString();
    }
}
