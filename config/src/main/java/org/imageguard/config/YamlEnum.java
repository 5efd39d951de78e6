package org.imageguard.config;

import java.util.Locale;

/**
 * A closed set of words in the configuration. YAML spells constants in lower case with dashes
 * ({@code bottom-right} for {@code BOTTOM_RIGHT}); this interface gives every settings enum that spelling.
 */
public interface YamlEnum {

    String name();

    /** The spelling used in YAML. */
    default String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
