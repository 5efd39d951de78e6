package org.imageguard.config;

/** A row of the key table: a {@link ConfigKey} or a nested {@link KeySection}. */
sealed interface KeyEntry permits ConfigKey, KeySection {

    /** The YAML name. */
    String name();

    /** The record component it fills. */
    String field();
}
