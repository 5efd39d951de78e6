package org.imageguard.config;

/** What a denied embed gets: 403, a small image, or a redirect. */
public enum HotlinkAction implements YamlEnum {
    FORBID, PLACEHOLDER, REDIRECT
}
