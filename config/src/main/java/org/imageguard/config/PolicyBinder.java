package org.imageguard.config;

import java.util.List;

/**
 * Binds the six sections a {@code paths:} entry may override (protection, optimize, watermark, hotlink,
 * ai-crawlers, limits) to a {@link Policy}, key by key as {@link PolicyKeys} lists them, checking each value and the
 * contradictions between values.
 */
final class PolicyBinder {

    static final List<String> SECTIONS = PolicyKeys.SECTIONS;

    private final Problems problems;

    PolicyBinder(Problems problems) {
        this.problems = problems;
    }

    Policy bind(MappingReader root) {
        return bind(root, PolicyKeys.POLICY);
    }

    /** Every entry of {@code section} read from {@code r}, the section's rule applied, its record built. */
    private <S extends Record> S bind(MappingReader r, KeySection<S> section) {
        KeySection<S>.Values values = section.new Values();
        List<KeyEntry> entries = section.entries();
        for (int i = 0; i < entries.size(); i++) {
            Object fallback = section.valueAt(section.defaults(), i);
            values.set(i, entries.get(i) instanceof KeySection<?> nested
                    ? bind(r.section(nested.name(), nested.keyNames()), nested)
                    : read(r, (ConfigKey) entries.get(i), fallback));
        }
        section.check(r, values);
        return build(r, section, values);
    }

    @SuppressWarnings("unchecked") // the fallback is the record's own value for the key, of the kind's type
    private static <V> V read(MappingReader r, ConfigKey key, Object fallback) {
        return ((KeyKind<V>) key.kind()).read(r, key.name(), (V) fallback);
    }

    /**
     * Builds a record whose constructor re-checks what was checked above; should a check be missing here, the
     * record's message is still reported, at the section, instead of escaping as an exception.
     */
    private <S extends Record> S build(MappingReader r, KeySection<S> section, KeySection<S>.Values values) {
        try {
            return section.construct(values);
        } catch (IllegalArgumentException e) {
            problems.add(r.node(), r.path() + ": " + e.getMessage());
            return section.defaults();
        }
    }
}
