package org.imageguard.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML mapping with a closed set of keys. Unknown and duplicate keys are reported when the reader is
 * made; each getter reports a bad value (naming the dotted key and the value, at the value's line and column) and
 * returns the default so that reading goes on and every error of the file is found.
 */
final class MappingReader {

    private final String path;
    private final Node node;
    private final Problems problems;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keyNodes = new LinkedHashMap<>();

    MappingReader(Node node, String path, List<String> keys, Problems problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
        if (node == null || isNull(node)) {
            return;
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, label() + "expected a mapping of keys, found " + describe(node));
            return;
        }
        String emptySection = null; // the last key above with nothing under it, where a badly indented key belongs
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(tuple.getKeyNode(),
                        label() + "expected a key name, found " + describe(tuple.getKeyNode()));
                continue;
            }
            String key = keyNode.getValue();
            if (!keys.contains(key) && emptySection != null && KnownKeys.isKeyOf(qualified(emptySection), key)) {
                problems.add(keyNode, qualified(key) + ": unknown key; check the indentation: '" + emptySection
                        + ":' above has nothing under it and '" + key + "' is one of its keys; indent '" + key
                        + "' under it");
            } else if (!keys.contains(key)) {
                problems.add(keyNode, qualified(key) + ": unknown key" + NearMiss.in(key, keys)
                        .map(near -> "; did you mean '" + near + "'?")
                        .orElse("; valid keys: " + String.join(", ", keys)));
            } else if (keyNodes.containsKey(key)) {
                problems.add(keyNode, qualified(key) + ": duplicate key (first at line "
                        + (keyNodes.get(key).getStartMark().getLine() + 1) + ")");
            } else {
                keyNodes.put(key, keyNode);
                values.put(key, tuple.getValueNode());
            }
            if (isNull(tuple.getValueNode())) {
                emptySection = key;
            }
        }
    }

    /** A nested section; an absent section reads as empty, so every key takes its default. */
    MappingReader section(String key, List<String> keys) {
        return new MappingReader(values.get(key), qualified(key), keys, problems);
    }

    /** The value node of {@code key}, or null when absent or written as nothing ({@code key:} or {@code ~}). */
    Node valueNode(String key) {
        Node value = values.get(key);
        return value == null || isNull(value) ? null : value;
    }

    /** Whether {@code key} is absent or written as nothing or blank text. */
    boolean isBlank(String key) {
        Node value = valueNode(key);
        return value == null || value instanceof ScalarNode scalar && scalar.getValue().isBlank();
    }

    /** The mapping node itself, for errors about the section as a whole. */
    Node node() {
        return node;
    }

    /** The dotted path of this section, e.g. {@code protection.rights}. */
    String path() {
        return path;
    }

    String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reports a problem with {@code key}'s value, at the value (or at the section when the key is absent). */
    void error(String key, String message) {
        Node at = values.containsKey(key) ? values.get(key) : node;
        problems.add(at, qualified(key) + ": " + message);
    }

    String text(String key, String fallback) {
        return parsed(key, fallback, ConfigValues::requireText);
    }

    /** Text that must not be blank when present. */
    String word(String key, String fallback) {
        return parsed(key, fallback, value -> {
            if (value.isBlank()) {
                throw new IllegalArgumentException("expected a value, found ''");
            }
            return ConfigValues.requireText(value);
        });
    }

    boolean bool(String key, boolean fallback) {
        return parsed(key, fallback, value -> switch (value) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw new IllegalArgumentException(ConfigValues.expected("a boolean (true or false)", value));
        });
    }

    int integer(String key, int fallback, int min, int max) {
        return parsed(key, fallback, value -> {
            String range = "a whole number from " + min + " to " + max;
            try {
                int number = Integer.parseInt(value);
                if (number < min || number > max) {
                    throw new IllegalArgumentException(ConfigValues.expected(range, value));
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ConfigValues.expected(range, value), e);
            }
        });
    }

    double decimal(String key, double fallback, double min, double max) {
        return parsed(key, fallback, value -> {
            String range = "a number from " + ConfigValues.formatNumber(min) + " to " + ConfigValues.formatNumber(max);
            try {
                double number = Double.parseDouble(value);
                if (!(number >= min && number <= max) || !value.matches("-?[0-9.]+")) {
                    throw new IllegalArgumentException(ConfigValues.expected(range, value));
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ConfigValues.expected(range, value), e);
            }
        });
    }

    <E extends Enum<E> & YamlEnum> E choice(String key, E fallback, Class<E> type) {
        E[] constants = type.getEnumConstants();
        return parsed(key, fallback, value -> {
            for (E constant : constants) {
                if (constant.yamlName().equals(value.toLowerCase(Locale.ROOT))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + ConfigValues.printable(value) + "' is not one of "
                    + Arrays.stream(constants).map(YamlEnum::yamlName).collect(Collectors.joining(", ")));
        });
    }

    /** A scalar parsed by {@code parser}, whose {@link IllegalArgumentException} message becomes the error. */
    <T> T parsed(String key, T fallback, Function<String, T> parser) {
        Node value = valueNode(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof ScalarNode scalar)) {
            problems.add(value, qualified(key) + ": expected a single value, found " + describe(value));
            return fallback;
        }
        try {
            return parser.apply(scalar.getValue());
        } catch (IllegalArgumentException e) {
            problems.add(value, qualified(key) + ": " + e.getMessage());
            return fallback;
        }
    }

    /**
     * A list of texts ({@code [a, b]} or one {@code - a} per line), each checked by {@code validator}; errors name the
     * element as {@code key[index]}.
     */
    List<String> textList(String key, List<String> fallback, Function<String, ?> validator) {
        Node value = valueNode(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof SequenceNode sequence)) {
            boolean onLaterLine = value.getStartMark().getLine() > keyNodes.get(key).getStartMark().getLine();
            String hint = value instanceof ScalarNode && onLaterLine
                    ? "; check the indentation: each item goes on its own line as '- item' under the key, or write"
                    + " [a, b] on the key's line" : "";
            problems.add(value, qualified(key) + ": expected a list like [a, b], found " + describe(value) + hint);
            return fallback;
        }
        List<String> result = new ArrayList<>();
        List<Node> elements = sequence.getValue();
        for (int i = 0; i < elements.size(); i++) {
            Node element = elements.get(i);
            String name = qualified(key) + "[" + i + "]";
            if (!(element instanceof ScalarNode scalar) || isNull(element)) {
                problems.add(element, name + ": expected a single value, found " + describe(element));
                continue;
            }
            try {
                String text = ConfigValues.requireText(scalar.getValue());
                validator.apply(text);
                result.add(text);
            } catch (IllegalArgumentException e) {
                problems.add(element, name + ": " + e.getMessage());
            }
        }
        return result;
    }

    private String label() {
        return path.isEmpty() ? "" : path + ": ";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        return "'" + ConfigValues.printable(((ScalarNode) node).getValue()) + "'";
    }
}
