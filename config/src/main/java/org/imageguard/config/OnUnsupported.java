package org.imageguard.config;

/**
 * What happens to an image in a format ImageGuard cannot protect (no rewriter for it, or a container it cannot
 * place metadata in): sent as it is with the HTTP signals, or refused.
 */
public enum OnUnsupported implements YamlEnum {
    /** The original bytes, with the signals and {@code X-ImageGuard: bypass;reason=unsupported}. */
    PASS,
    /** Refused: 502 from the proxy and the filter, a failure in {@code rewrite}. */
    REJECT
}
