package org.imageguard.config;

/** What a client gets when an image cannot be rewritten: the original bytes, or 502. */
public enum OnError implements YamlEnum {
    PASSTHROUGH, REJECT
}
