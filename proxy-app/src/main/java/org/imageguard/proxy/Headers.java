package org.imageguard.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Header maps of the interceptor seam: immutable, names case-insensitive, values in arrival order. Also the
 * conversion from and to Jetty's {@link HttpFields}.
 *
 * <pre>{@code
 * Map<String, List<String>> h = Headers.of("Content-Type", "image/png", "Vary", "Accept");
 * }</pre>
 */
public final class Headers {

    private Headers() {
    }

    /** Pairs of name and value. */
    public static Map<String, List<String>> of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, found an odd count");
        }
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return copyOf(map);
    }

    /** An immutable case-insensitive copy. */
    public static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> map.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        map.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(map);
    }

    public static Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static Map<String, List<String>> of(HttpFields fields) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : fields) {
            map.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        return copyOf(map);
    }

    static void copyTo(Map<String, List<String>> headers, HttpFields.Mutable target) {
        headers.forEach((name, values) -> values.forEach(value -> target.add(name, value)));
    }
}
