package org.imageguard.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.OptimizeMode;
import org.imageguard.config.Policy;

/**
 * The configuration language already has keys for the pixel transforms (lossy re-encoding, resizing, WebP, watermarks)
 * that this version of the engine does not perform: it only does lossless metadata surgery. Rather than let a
 * configured watermark silently not appear, every adapter says so at start-up, in words that name the key.
 *
 * <pre>{@code
 * NotYetImplemented.in(config).forEach(log::warn);
 * }</pre>
 */
public final class NotYetImplemented {

    private NotYetImplemented() {
    }

    /** One sentence per configured feature the engine ignores, for the top level and every {@code paths:} entry. */
    public static List<String> in(ImageGuardConfig config) {
        Set<String> messages = new LinkedHashSet<>(in(config.policy(), ""));
        config.paths().forEach(rule -> messages.addAll(in(rule.policy(), " (paths: " + rule.match() + ")")));
        return List.copyOf(messages);
    }

    static List<String> in(Policy policy, String where) {
        List<String> ignored = new ArrayList<>();
        if (policy.optimize().mode() == OptimizeMode.LOSSY) {
            ignored.add("optimize.mode: lossy");
        }
        if (policy.optimize().maxWidth() > 0 || policy.optimize().maxHeight() > 0) {
            ignored.add("optimize.max-width/max-height");
        }
        if (policy.optimize().webp()) {
            ignored.add("optimize.webp: true");
        }
        if (policy.watermark().enabled()) {
            ignored.add("watermark.enabled: true");
        }
        return ignored.stream()
                .map(key -> key + where + " is not implemented in this version and is ignored: images get lossless "
                        + "metadata protection only, pixels untouched")
                .toList();
    }
}
