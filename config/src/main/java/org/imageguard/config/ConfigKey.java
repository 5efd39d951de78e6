package org.imageguard.config;

import java.util.Objects;

/**
 * One configuration key: its YAML name, the record component it fills, how its value is read and printed, and
 * whether it changes the bytes of a rewritten image (then it is part of the policy fingerprint, and changing it
 * gives new ETags and cache entries). Every key says which, so a new key cannot be forgotten by the fingerprint.
 *
 * <pre>{@code
 * ConfigKey.changesBytes("webp", KeyKind.bool());      // optimize.webp: a WebP body is other bytes
 * ConfigKey.keepsBytes("x-robots-tag", KeyKind.text()); // a header: the image stays the same
 * }</pre>
 *
 * @param name             the YAML key, e.g. {@code min-saving}
 * @param field            the record component it fills, e.g. {@code minSavingPercent}
 * @param changesBytes     whether the value is part of the policy fingerprint
 * @param fingerprintLabel how the fingerprint's canonical text names it (the name, or what the first version of the
 *                         fingerprint wrote, so that unchanged policies keep their fingerprint)
 */
record ConfigKey(String name, String field, KeyKind<?> kind, boolean changesBytes, String fingerprintLabel)
        implements KeyEntry {

    ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fingerprintLabel, "fingerprintLabel");
    }

    /** A key whose value changes the rewritten image. */
    static ConfigKey changesBytes(String name, KeyKind<?> kind) {
        return new ConfigKey(name, fieldOf(name), kind, true, name);
    }

    /** A key that changes only what is sent around the image (headers, refusals), never its bytes. */
    static ConfigKey keepsBytes(String name, KeyKind<?> kind) {
        return new ConfigKey(name, fieldOf(name), kind, false, name);
    }

    /** The same key filling a record component not named after it. */
    ConfigKey field(String component) {
        return new ConfigKey(name, component, kind, changesBytes, fingerprintLabel);
    }

    /** The same key named otherwise in the fingerprint's canonical text. */
    ConfigKey fingerprintedAs(String label) {
        return new ConfigKey(name, field, kind, changesBytes, label);
    }

    /** {@code allow-empty-referer} -> {@code allowEmptyReferer}. */
    static String fieldOf(String name) {
        StringBuilder field = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                field.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return field.toString();
    }
}
