package org.imageguard.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Every dotted key path of the language outside {@code paths:}, read from the printed defaults so that a new key
 * joins by itself: {@code server}, {@code server.port}, {@code protection.rights.creator}, ... The environment
 * variables and the indentation hints are derived from it.
 */
final class KnownKeys {

    /** Dotted path to whether it is a section (a mapping of keys) rather than a value. */
    private static volatile Map<String, Boolean> keys;

    private KnownKeys() {
    }

    /** Dotted path to true for sections, false for values; the two origin kinds included though unset by default. */
    static Map<String, Boolean> all() {
        Map<String, Boolean> known = keys;
        if (known == null) {
            Map<String, Boolean> found = new LinkedHashMap<>();
            Node defaults = ConfigLoader.composeNode(ConfigPrinter.print(ImageGuardConfig.DEFAULTS), new LoaderOptions());
            collect(defaults, "", found);
            found.put("origin.upstream", false); // absent by default, so not printed
            found.put("origin.root", false);
            known = Map.copyOf(found);
            keys = known;
        }
        return known;
    }

    /** Whether {@code key} is a key of the section at {@code section} (both dotted). */
    static boolean isKeyOf(String section, String key) {
        return Boolean.TRUE.equals(all().get(section)) && all().containsKey(section + "." + key);
    }

    private static void collect(Node node, String path, Map<String, Boolean> found) {
        if (node instanceof MappingNode mapping) {
            if (!path.isEmpty()) {
                found.put(path, true);
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                if (!(path.isEmpty() && key.equals("paths"))) {
                    collect(tuple.getValueNode(), path.isEmpty() ? key : path + "." + key, found);
                }
            }
        } else if (!path.isEmpty()) {
            found.put(path, false);
        }
    }
}
