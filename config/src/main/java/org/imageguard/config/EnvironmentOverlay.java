package org.imageguard.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Lays {@code IMAGEGUARD_*} environment variables over the composed file, before binding, so that their values are
 * validated exactly like the file's and their errors name the variable instead of a line and column.
 *
 * <pre>{@code
 * IMAGEGUARD_ORIGIN_UPSTREAM=http://origin:8000   ->  origin.upstream
 * IMAGEGUARD_SERVER_ADMIN_HOST=0.0.0.0            ->  server.admin-host
 * IMAGEGUARD_HOTLINK_ALLOW=[a.com, b.com] ->  hotlink.allow (a list in YAML flow style)
 * }</pre>
 * The name is {@code IMAGEGUARD_} and the key path in upper case, dots and dashes written as underscores. Every key
 * outside {@code paths:} has one. An empty variable counts as unset. As with command-line flags, an origin from the
 * environment replaces the file's, whichever kind: {@code IMAGEGUARD_ORIGIN_UPSTREAM} drops the file's
 * {@code origin.root} and the other way round. A variable that starts like a section ({@code IMAGEGUARD_ORIGIN_...})
 * but names no key is an error; other {@code IMAGEGUARD_*} variables (a test's {@code IMAGEGUARD_EXIFTOOL}) are not
 * configuration and are left alone.
 */
final class EnvironmentOverlay {

    static final String PREFIX = "IMAGEGUARD_";
    private static final List<String> ORIGIN_KINDS = List.of("origin.upstream", "origin.root");

    /** Variable name to dotted key path, from {@link KnownKeys}. */
    private static volatile Map<String, String> keysByVariable;

    private EnvironmentOverlay() {
    }

    /** The variable that sets {@code dottedKey}: {@code server.admin-host} -> {@code IMAGEGUARD_SERVER_ADMIN_HOST}. */
    static String variableOf(String dottedKey) {
        return PREFIX + dottedKey.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Whether a problem at {@code mark} is in an environment variable, whose name the mark then carries. */
    static boolean isVariable(Mark mark) {
        return mark != null && mark.getName().startsWith(PREFIX);
    }

    /** {@code root} with every configuration variable of {@code environment} set on it; {@code root} may be null. */
    static Node apply(Node root, Map<String, String> environment, Problems problems) {
        Map<String, String> keys = keysByVariable();
        Map<String, Node> values = new TreeMap<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX) || variable.getValue() == null || variable.getValue().isEmpty()) {
                continue;
            }
            String key = keys.get(name);
            if (key == null) {
                reportUnknown(name, keys, problems);
                continue;
            }
            Node value = valueNode(name, variable.getValue(), problems);
            if (value != null) {
                values.put(key, value);
            }
        }
        Node result = root;
        for (String kind : ORIGIN_KINDS) {
            if (values.containsKey(kind)) {
                for (String other : ORIGIN_KINDS) {
                    if (!other.equals(kind) && !values.containsKey(other)) {
                        result = remove(result, List.of(other.split("\\.")));
                    }
                }
            }
        }
        for (Map.Entry<String, Node> value : values.entrySet()) {
            result = put(result, List.of(value.getKey().split("\\.")), value.getValue());
        }
        return result;
    }

    private static void reportUnknown(String name, Map<String, String> keys, Problems problems) {
        String rest = name.substring(PREFIX.length());
        boolean looksLikeConfiguration = ConfigBinder.ROOT_KEYS.stream()
                .map(section -> section.toUpperCase(Locale.ROOT).replace('-', '_') + "_")
                .anyMatch(rest::startsWith);
        if (looksLikeConfiguration) {
            List<String> names = new ArrayList<>(keys.keySet());
            problems.add(mark(name), "no such setting" + NearMiss.in(name, names)
                    .map(near -> "; did you mean " + near + "?")
                    .orElse("; see docs/configuration.md for the variables (paths: entries have none)"));
        }
    }

    private static Node valueNode(String name, String text, Problems problems) {
        Mark mark = mark(name);
        if (!text.startsWith("[")) {
            Tag tag = new Resolver().resolve(NodeId.scalar, text, true);
            return new ScalarNode(tag, true, text, mark, mark, DumperOptions.ScalarStyle.PLAIN);
        }
        try {
            return relabel(ConfigLoader.composeNode(text, new LoaderOptions()), mark);
        } catch (YAMLException e) {
            problems.add(mark, "expected a list like [a, b], found '" + ConfigValues.printable(text) + "'");
            return null;
        }
    }

    /** The same node with every position replaced by the variable's, so errors inside a list name it too. */
    private static Node relabel(Node node, Mark mark) {
        if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue().stream().map(item -> relabel(item, mark)).toList();
            return new SequenceNode(sequence.getTag(), true, items, mark, mark, sequence.getFlowStyle());
        }
        if (node instanceof MappingNode mapping) {
            List<NodeTuple> tuples = mapping.getValue().stream()
                    .map(t -> new NodeTuple(relabel(t.getKeyNode(), mark), relabel(t.getValueNode(), mark)))
                    .toList();
            return new MappingNode(mapping.getTag(), true, tuples, mark, mark, mapping.getFlowStyle());
        }
        ScalarNode scalar = (ScalarNode) node;
        return new ScalarNode(scalar.getTag(), true, scalar.getValue(), mark, mark, scalar.getScalarStyle());
    }

    /** {@code base} with the value at {@code path} replaced or added; a file's section that is no mapping stays. */
    private static Node put(Node base, List<String> path, Node value) {
        if (path.isEmpty()) {
            return value;
        }
        if (base != null && !MappingReader.isNull(base) && !(base instanceof MappingNode)) {
            return base; // the file's own error ("expected a mapping") is reported, not hidden by the variable
        }
        List<NodeTuple> tuples = base instanceof MappingNode mapping ? new ArrayList<>(mapping.getValue())
                : new ArrayList<>();
        String key = path.get(0);
        List<String> rest = path.subList(1, path.size());
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple tuple = tuples.get(i);
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                tuples.set(i, new NodeTuple(k, put(tuple.getValueNode(), rest, value)));
                return mapping(base, tuples, value.getStartMark());
            }
        }
        Mark mark = value.getStartMark();
        tuples.add(new NodeTuple(new ScalarNode(Tag.STR, true, key, mark, mark, DumperOptions.ScalarStyle.PLAIN),
                put(null, rest, value)));
        return mapping(base, tuples, mark);
    }

    private static Node remove(Node base, List<String> path) {
        if (!(base instanceof MappingNode mapping)) {
            return base;
        }
        List<NodeTuple> tuples = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            boolean matches = tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(path.get(0));
            if (!matches) {
                tuples.add(tuple);
            } else if (path.size() > 1) {
                tuples.add(new NodeTuple(tuple.getKeyNode(), remove(tuple.getValueNode(), path.subList(1,
                        path.size()))));
            }
        }
        return mapping(base, tuples, mapping.getStartMark());
    }

    /** A mapping at the file's position when the file had one, else at the variable's. */
    private static MappingNode mapping(Node base, List<NodeTuple> tuples, Mark fallback) {
        Mark start = base instanceof MappingNode ? base.getStartMark() : fallback;
        Mark end = base instanceof MappingNode ? base.getEndMark() : fallback;
        return new MappingNode(Tag.MAP, true, tuples, start, end, DumperOptions.FlowStyle.BLOCK);
    }

    private static Mark mark(String variable) {
        return new Mark(variable, 0, 0, 0, new int[0], 0);
    }

    private static Map<String, String> keysByVariable() {
        Map<String, String> keys = keysByVariable;
        if (keys == null) {
            Map<String, String> found = new LinkedHashMap<>();
            KnownKeys.all().forEach((key, isSection) -> {
                if (!isSection) {
                    found.put(variableOf(key), key);
                }
            });
            keys = Map.copyOf(found);
            keysByVariable = keys;
        }
        return keys;
    }
}
