package org.imageguard.config;

import java.util.List;
import java.util.Objects;

/**
 * Which pages may embed the images. {@code allow} holds host patterns as nginx's {@code valid_referers} takes them
 * ({@code example.com}, {@code *.example.com}, {@code example.*}, optionally followed by a path prefix); see
 * {@link HostPattern}.
 *
 * @param crossOriginResourcePolicy also send {@code Cross-Origin-Resource-Policy: same-site} on image responses
 */
public record HotlinkSettings(boolean enabled, List<String> allow, boolean allowEmptyReferer,
                              boolean allowSearchEngines, List<String> exemptPaths, HotlinkAction action,
                              String redirectTo, boolean crossOriginResourcePolicy) {

    public static final HotlinkSettings DEFAULTS = new HotlinkSettings(
            false, List.of(), true, true, List.of("/**/hotlink-ok/**"), HotlinkAction.FORBID, "", false);

    public HotlinkSettings {
        allow = List.copyOf(allow);
        exemptPaths = List.copyOf(exemptPaths);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(redirectTo, "redirectTo");
        if (action == HotlinkAction.REDIRECT && redirectTo.isBlank()) {
            throw new IllegalArgumentException("hotlink action redirect needs redirect-to");
        }
    }

    /** The settings without {@code Cross-Origin-Resource-Policy}, as before that key existed. */
    public HotlinkSettings(boolean enabled, List<String> allow, boolean allowEmptyReferer, boolean allowSearchEngines,
                           List<String> exemptPaths, HotlinkAction action, String redirectTo) {
        this(enabled, allow, allowEmptyReferer, allowSearchEngines, exemptPaths, action, redirectTo, false);
    }
}
