package org.imageguard.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A section of the configuration and the settings record it becomes: its keys and subsections in the record's
 * component order, so that one table can read, print and fingerprint it. The pairing of each entry with its component
 * is checked when the table is built: a record component without an entry stops the class from loading.
 *
 * <pre>{@code
 * KeySection<Rights> rights = KeySection.of("rights", Rights.class, Rights.NONE,
 *         ConfigKey.changesBytes("copyright", KeyKind.text()), ...); // one entry per component
 * }</pre>
 *
 * @param <S> the settings record
 */
final class KeySection<S extends Record> implements KeyEntry {

    /**
     * A rule between the values of one section (an enabled watermark needs a text): reports at the key with
     * {@link MappingReader#error} and {@link Values#reset}s what it rejected, so that reading goes on.
     */
    @FunctionalInterface
    interface Check {
        void apply(MappingReader r, KeySection<?>.Values values);
    }

    private final String name;
    private final Class<S> type;
    private final S defaults;
    private final List<KeyEntry> entries;
    private final Check check;
    private final RecordComponent[] components;
    private final Constructor<S> constructor;

    private KeySection(String name, Class<S> type, S defaults, List<KeyEntry> entries, Check check) {
        this.name = name;
        this.type = type;
        this.defaults = defaults;
        this.entries = List.copyOf(entries);
        this.check = check;
        this.components = type.getRecordComponents();
        List<String> unpaired = unpaired(type, this.entries);
        if (!unpaired.isEmpty()) {
            throw new IllegalStateException(type.getSimpleName() + " and its configuration keys do not pair up: "
                    + unpaired + "; give every component a ConfigKey (changesBytes or keepsBytes), in order");
        }
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
    }

    static <S extends Record> KeySection<S> of(String name, Class<S> type, S defaults, KeyEntry... entries) {
        return new KeySection<>(name, type, defaults, List.of(entries), (r, values) -> { });
    }

    /** The same section with a rule between its values. */
    KeySection<S> checkedBy(Check rule) {
        return new KeySection<>(name, type, defaults, entries, rule);
    }

    /**
     * The components of {@code record} that no entry fills, or that an entry fills out of order, as
     * {@code Type.component}; empty when they pair up.
     */
    static List<String> unpaired(Class<? extends Record> record, List<KeyEntry> entries) {
        RecordComponent[] fields = record.getRecordComponents();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < Math.max(fields.length, entries.size()); i++) {
            String component = i < fields.length ? fields[i].getName() : null;
            String entry = i < entries.size() ? entries.get(i).field() : null;
            if (component == null || !component.equals(entry)) {
                found.add(record.getSimpleName() + "." + (component == null ? entry + " (no such component)"
                        : component + (entry == null ? "" : " (entry " + entry + " stands there)")));
            } else if (entries.get(i) instanceof KeySection<?> nested && nested.type != fields[i].getType()) {
                found.add(record.getSimpleName() + "." + component + " (not a " + nested.type.getSimpleName() + ")");
            }
        }
        return found;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String field() {
        return ConfigKey.fieldOf(name);
    }

    Class<S> type() {
        return type;
    }

    S defaults() {
        return defaults;
    }

    List<KeyEntry> entries() {
        return entries;
    }

    List<String> keyNames() {
        return entries.stream().map(KeyEntry::name).toList();
    }

    /** The value of the {@code index}th entry in {@code settings}. */
    Object valueAt(S settings, int index) {
        try {
            return components[index].getAccessor().invoke(settings);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("a settings record's accessor is public and plain", e);
        }
    }

    /** The values' record, whose compact constructor may still refuse them with an IllegalArgumentException. */
    S construct(Values values) {
        try {
            return constructor.newInstance(values.all());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a settings record's constructor is public", e);
        }
    }

    void check(MappingReader r, Values values) {
        check.apply(r, values);
    }

    /** The values read for one section, by key name, before they become its record. */
    final class Values {

        private final Object[] values = new Object[entries.size()];

        void set(int index, Object value) {
            values[index] = value;
        }

        @SuppressWarnings("unchecked") // the caller names a key of the kind it expects
        <V> V get(String key) {
            return (V) values[indexOf(key)];
        }

        /** Back to the default, after a rule rejected the value. */
        void reset(String key) {
            int index = indexOf(key);
            values[index] = valueAt(defaults, index);
        }

        private Object[] all() {
            return values.clone();
        }

        private int indexOf(String key) {
            int index = keyNames().indexOf(key);
            if (index < 0) {
                throw new IllegalArgumentException("no key " + key + " in " + name);
            }
            return index;
        }
    }
}
