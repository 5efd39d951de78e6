package org.imageguard.audit;

import java.util.Objects;
import org.imageguard.engine.inspect.ProtectionReport;

/**
 * The result of inspecting one input (a file or a URL).
 *
 * @param image the embedded protection; null when the input could not be read or parsed
 * @param http  the response's signals, for URLs that answered; null for files
 * @param error why the input could not be (fully) read, e.g. {@code no such file or directory},
 *              {@code connection refused}, {@code HTTP 404}; null on success
 */
public record Inspection(String input, ProtectionReport image, HttpSignals http, String error) {

    public Inspection {
        Objects.requireNonNull(input, "input");
    }

    public boolean failed() {
        return error != null;
    }
}
