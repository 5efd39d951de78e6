package org.imageguard.config;

import java.util.List;
import java.util.Objects;

/**
 * Which pages may embed the images. {@code allow} holds host patterns as nginx's {@code valid_referers} takes them
 * ({@code example.com}, {@code *.example.com}, {@code example.*}, optionally followed by a path prefix).
 */
public record HotlinkSettings(boolean enabled, List<String> allow, boolean allowEmptyReferer,
                              boolean allowSearchEngines, List<String> exemptPaths, HotlinkAction action,
                              String redirectTo) {

    public static final HotlinkSettings DEFAULTS = new HotlinkSettings(
            false, List.of(), true, true, List.of("/**/hotlink-ok/**"), HotlinkAction.FORBID, "");

    public HotlinkSettings {
        allow = List.copyOf(allow);
        exemptPaths = List.copyOf(exemptPaths);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(redirectTo, "redirectTo");
        if (action == HotlinkAction.REDIRECT && redirectTo.isBlank()) {
            throw new IllegalArgumentException("hotlink action redirect needs redirect-to");
        }
    }
}
