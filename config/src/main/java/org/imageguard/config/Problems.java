package org.imageguard.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the errors of one file so that ops see all of them at once. A set: a top-level section is bound again
 * for every {@code paths:} entry, and its problems must be reported once.
 */
final class Problems {

    private final String source;
    private final Set<ConfigError> errors = new LinkedHashSet<>();

    Problems(String source) {
        this.source = source;
    }

    void add(Node node, String message) {
        add(node == null ? null : node.getStartMark(), message);
    }

    void add(Mark mark, String message) {
        if (EnvironmentOverlay.isVariable(mark)) {
            errors.add(new ConfigError(mark.getName(), 0, 0, message)); // the variable has no line and column
            return;
        }
        // SnakeYAML counts from 0; editors and compilers count from 1.
        errors.add(mark == null ? new ConfigError(source, 1, 1, message)
                : new ConfigError(source, mark.getLine() + 1, mark.getColumn() + 1, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors in file order. */
    List<ConfigError> sorted() {
        List<ConfigError> list = new ArrayList<>(errors);
        list.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
        return list;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ConfigException(sorted());
        }
    }
}
