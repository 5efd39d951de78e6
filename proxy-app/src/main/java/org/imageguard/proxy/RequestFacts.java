package org.imageguard.proxy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imageguard.config.ImageGuardConfig;

/**
 * What the pipeline may know about a client request, free of Jetty types.
 *
 * <pre>{@code
 * RequestFacts facts = new RequestFacts("GET", "/images/a%20b.jpg", "w=200", Headers.of("Accept", "image/webp"), config);
 * facts.header("accept"); // Optional[image/webp]
 * }</pre>
 *
 * @param path   the path as received, still percent-encoded
 * @param query  the query as received without the {@code ?}, or null when there is none
 * @param config the configuration in force for this request (one snapshot per request, even across a reload)
 */
public record RequestFacts(String method, String path, String query, Map<String, List<String>> headers,
                           ImageGuardConfig config) {

    public RequestFacts {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Headers.copyOf(headers);
        Objects.requireNonNull(config, "config");
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Headers.first(headers, name);
    }
}
