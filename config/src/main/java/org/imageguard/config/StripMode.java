package org.imageguard.config;

/** What metadata {@code strip} removes: nothing, what identifies people and places, or everything that does not shape the picture. */
public enum StripMode implements YamlEnum {
    NONE, PRIVACY, ALL
}
