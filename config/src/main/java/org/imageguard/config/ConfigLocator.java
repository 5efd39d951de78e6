package org.imageguard.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where a key of a valid configuration was set, so that a warning about it reads like an error:
 * {@code site.yaml:7:9}, or the environment variable that set it, or the file alone when the value is a default.
 *
 * <pre>{@code
 * ConfigLocator.where(Path.of("site.yaml"), System.getenv(), "optimize.mode", null);          // site.yaml:7:9
 * ConfigLocator.where(Path.of("site.yaml"), System.getenv(), "optimize.mode", "/thumbs/**");  // inside that entry
 * }</pre>
 */
public final class ConfigLocator {

    private ConfigLocator() {
    }

    /**
     * @param file      the configuration file, or null when there is none
     * @param dottedKey a key path such as {@code optimize.mode}
     * @param pathMatch the {@code match} of the {@code paths:} entry the key is in, or null for the top level
     */
    public static String where(Path file, Map<String, String> environment, String dottedKey, String pathMatch) {
        String variable = EnvironmentOverlay.variableOf(dottedKey);
        if (pathMatch == null && environment.get(variable) != null && !environment.get(variable).isEmpty()) {
            return variable;
        }
        if (file == null) {
            return "defaults";
        }
        Optional<Node> root = compose(file);
        List<String> keys = List.of(dottedKey.split("\\."));
        Optional<Node> entry = pathMatch == null ? Optional.empty() : root.flatMap(r -> entry(r, pathMatch));
        // In an entry: its own value, else the top-level one it inherits, else the entry itself.
        return entry.flatMap(e -> find(e, keys))
                .or(() -> root.flatMap(r -> find(r, keys)))
                .or(() -> entry)
                .map(node -> file + ":" + (node.getStartMark().getLine() + 1) + ":"
                        + (node.getStartMark().getColumn() + 1))
                .orElse(file.toString());
    }

    private static Optional<Node> compose(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.ofNullable(new Yaml(new LoaderOptions()).compose(new StringReader(text)));
        } catch (IOException | YAMLException e) {
            return Optional.empty(); // the file was valid a moment ago; a position is a courtesy
        }
    }

    private static Optional<Node> entry(Node root, String match) {
        return value(root, "paths").filter(SequenceNode.class::isInstance)
                .flatMap(paths -> ((SequenceNode) paths).getValue().stream()
                        .filter(entry -> value(entry, "match").filter(ScalarNode.class::isInstance)
                                .map(m -> ((ScalarNode) m).getValue().equals(match)).orElse(false))
                        .findFirst());
    }

    private static Optional<Node> find(Node node, List<String> path) {
        Optional<Node> current = Optional.of(node);
        for (String key : path) {
            current = current.flatMap(n -> value(n, key));
        }
        return current;
    }

    private static Optional<Node> value(Node node, String key) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        return mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst();
    }
}
