package org.imageguard.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A refused request: the status, extra headers (e.g. {@code Location} for a redirect, {@code Content-Type} for a
 * placeholder image) and the body. The pipeline adds {@code Cache-Control: private, no-store} and
 * {@code X-ImageGuard: bypass;reason=<reason>}: a denial depends on who asks and must not be reused for anyone else.
 *
 * @param reason for {@code X-ImageGuard}, logs and metrics: {@link BypassReason#HOTLINK}, {@link BypassReason#CRAWLER}
 */
public record Denial(int status, BypassReason reason, List<Header> headers, byte[] body) {

    public Denial {
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A plain 403. */
    public static Denial forbidden(BypassReason reason) {
        return new Denial(403, reason, List.of(new Header("Content-Type", "text/plain;charset=utf-8")),
                "Forbidden\n".getBytes(StandardCharsets.UTF_8));
    }
}
