package org.imageguard.proxy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole response the interceptor sends instead of the origin's. The proxy sets {@code Content-Length} from the
 * body (and sends no body to HEAD).
 *
 * <pre>{@code
 * new Replacement("denied", 403, Headers.of("Content-Type", "text/plain"), "hotlinking refused\n".getBytes(UTF_8));
 * }</pre>
 *
 * @param outcome the label counted in {@code imageguard_requests_total{outcome=...}}, e.g. hit, miss, denied
 */
public record Replacement(String outcome, int status, Map<String, List<String>> headers, byte[] body) {

    public Replacement {
        Objects.requireNonNull(outcome, "outcome");
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be a 3-digit HTTP status, got " + status);
        }
        headers = Headers.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
