package org.imageguard.engine;

import java.util.Objects;

/** The bytes to serve and what was done to get them. {@code bytes} is the input itself when nothing was rewritten. */
public record RewriteResult(byte[] bytes, RewriteReport report) {

    public RewriteResult {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(report, "report");
    }
}
