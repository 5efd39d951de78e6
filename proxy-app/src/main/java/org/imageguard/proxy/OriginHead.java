package org.imageguard.proxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status and end-to-end headers of the origin's response (hop-by-hop headers already removed).
 *
 * <pre>{@code
 * OriginHead head = new OriginHead(200, Headers.of("Content-Type", "image/jpeg"));
 * head.header("content-type"); // Optional[image/jpeg]
 * }</pre>
 */
public record OriginHead(int status, Map<String, List<String>> headers) {

    public OriginHead {
        headers = Headers.copyOf(headers);
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Headers.first(headers, name);
    }
}
