package org.imageguard.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Deep-merges a {@code paths:} override onto the top-level mapping at the YAML node level, before binding: every
 * node keeps its own position, so an error inside an override points into the override. Mappings merge key by
 * key; anything else (scalars, lists) is replaced whole. Nothing is mutated: the composed tree may share nodes
 * through anchors.
 */
final class NodeMerge {

    private NodeMerge() {
    }

    static Node merge(Node base, Node override) {
        if (override == null || MappingReader.isNull(override)) {
            return base;
        }
        if (!(base instanceof MappingNode baseMap) || !(override instanceof MappingNode overrideMap)) {
            return override;
        }
        Set<NodeTuple> used = Collections.newSetFromMap(new IdentityHashMap<>());
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple tuple : baseMap.getValue()) {
            NodeTuple replacement = find(overrideMap, keyOf(tuple), used);
            if (replacement == null) {
                merged.add(tuple);
            } else {
                used.add(replacement);
                merged.add(new NodeTuple(replacement.getKeyNode(),
                        merge(tuple.getValueNode(), replacement.getValueNode())));
            }
        }
        for (NodeTuple tuple : overrideMap.getValue()) {
            if (!used.contains(tuple)) {
                merged.add(tuple); // new keys, and duplicates, which the reader then reports
            }
        }
        return new MappingNode(overrideMap.getTag(), true, merged, overrideMap.getStartMark(),
                overrideMap.getEndMark(), overrideMap.getFlowStyle());
    }

    private static NodeTuple find(MappingNode mapping, String key, Set<NodeTuple> used) {
        if (key == null) {
            return null;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (key.equals(keyOf(tuple))) {
                return used.contains(tuple) ? null : tuple;
            }
        }
        return null;
    }

    private static String keyOf(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
    }
}
