package org.imageguard.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Binds a whole composed file to an {@link ImageGuardConfig}: the proxy-only sections, the policy, the paths. */
final class ConfigBinder {

    static final List<String> ROOT_KEYS = List.of("server", "origin", "protection", "optimize", "watermark",
            "hotlink", "ai-crawlers", "cache", "limits", "paths");
    private static final List<String> SERVER_KEYS = List.of("host", "port", "admin-host", "admin-port");
    private static final List<String> ORIGIN_KEYS = List.of("upstream", "root", "connect-timeout", "timeout");
    private static final List<String> CACHE_KEYS = List.of("max-size", "fresh-for");
    private static final List<String> PATH_KEYS =
            Stream.concat(Stream.of("match"), PolicyBinder.SECTIONS.stream()).toList();

    private final Problems problems;
    private final PolicyBinder policyBinder;
    private final boolean checkFiles;

    ConfigBinder(Problems problems) {
        this(problems, false);
    }

    /** With {@code checkFiles}, what {@code serve} will open must exist: {@code origin.root} a readable folder. */
    ConfigBinder(Problems problems, boolean checkFiles) {
        this.problems = problems;
        this.policyBinder = new PolicyBinder(problems);
        this.checkFiles = checkFiles;
    }

    ImageGuardConfig bind(Node root) {
        MappingReader r = new MappingReader(root, "", ROOT_KEYS, problems);
        return new ImageGuardConfig(server(r.section("server", SERVER_KEYS)),
                origin(r.section("origin", ORIGIN_KEYS)), cache(r.section("cache", CACHE_KEYS)),
                policyBinder.bind(r), paths(root, r.valueNode("paths")));
    }

    private static ServerSettings server(MappingReader r) {
        ServerSettings d = ServerSettings.DEFAULTS;
        return new ServerSettings(r.word("host", d.host()), r.integer("port", d.port(), 0, 65535),
                r.integer("admin-port", d.adminPort(), 0, 65535), r.word("admin-host", d.adminHost()));
    }

    private OriginSettings origin(MappingReader r) {
        OriginSettings d = OriginSettings.DEFAULTS;
        Optional<URI> upstream =
                r.parsed("upstream", d.upstream(), value -> Optional.of(ConfigValues.parseHttpUrl(value)));
        Optional<Path> root = r.parsed("root", d.root(), ConfigBinder::directory);
        if (upstream.isPresent() && root.isPresent()) {
            r.error("root", "origin takes upstream or root, not both; remove one");
            root = Optional.empty(); // reported; keep binding the rest
        }
        if (checkFiles && root.isPresent()) {
            Path folder = root.get();
            if (!Files.exists(folder)) {
                r.error("root", "'" + folder + "' does not exist; serve needs the folder of the site");
            } else if (!Files.isDirectory(folder)) {
                r.error("root", "'" + folder + "' is a file, not a folder");
            } else if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
                r.error("root", "'" + folder + "' cannot be read by this user");
            }
        }
        return new OriginSettings(upstream, root, positive(r, "connect-timeout", d.connectTimeout()),
                positive(r, "timeout", d.timeout()));
    }

    private static CacheSettings cache(MappingReader r) {
        CacheSettings d = CacheSettings.DEFAULTS;
        return new CacheSettings(r.parsed("max-size", d.maxSize(), ConfigBinder::cacheSize),
                r.parsed("fresh-for", d.freshFor(), ConfigValues::parseDuration));
    }

    /** Each entry's override merged onto the top level, then bound like the top level. */
    private List<ImageGuardConfig.PathRule> paths(Node root, Node paths) {
        if (paths == null) {
            return List.of();
        }
        if (!(paths instanceof SequenceNode sequence)) {
            problems.add(paths, "paths: expected a list of entries like '- match: /thumbs/**', found "
                    + MappingReader.describe(paths));
            return List.of();
        }
        List<ImageGuardConfig.PathRule> rules = new ArrayList<>();
        List<Node> entries = sequence.getValue();
        for (int i = 0; i < entries.size(); i++) {
            Node entry = entries.get(i);
            MappingReader r = new MappingReader(entry, "paths[" + i + "]", PATH_KEYS, problems);
            String match = r.parsed("match", null, value -> Glob.compile(ConfigValues.requireText(value)).toString());
            if (r.valueNode("match") == null) {
                problems.add(entry, "paths[" + i + "]: missing key 'match' (a glob like /thumbs/**)");
            }
            Policy policy = policyBinder.bind(new MappingReader(overlay(root, entry), "", ROOT_KEYS, problems));
            if (match != null) {
                rules.add(new ImageGuardConfig.PathRule(match, policy));
            }
        }
        return rules;
    }

    /** The top-level mapping with the entry's policy sections merged on; the entry's other keys are ignored. */
    private static Node overlay(Node root, Node entry) {
        if (!(entry instanceof MappingNode entryMap)) {
            return root;
        }
        List<NodeTuple> sections = entryMap.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode key
                        && PolicyBinder.SECTIONS.contains(key.getValue()))
                .toList();
        MappingNode override = new MappingNode(entryMap.getTag(), true, sections, entryMap.getStartMark(),
                entryMap.getEndMark(), entryMap.getFlowStyle());
        return NodeMerge.merge(root instanceof MappingNode ? root : null, override);
    }

    /** {@code auto} (a share of the heap) or an explicit size. */
    private static Optional<DataSize> cacheSize(String value) {
        if (value.equals(CacheSettings.AUTO)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigValues.parseSize(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConfigValues.expected("auto or a size like 64MB", value), e);
        }
    }

    private static Optional<Path> directory(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("expected a directory, found ''");
        }
        try {
            return Optional.of(Path.of(ConfigValues.requireText(value)));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(ConfigValues.expected("a directory", value), e);
        }
    }

    private static Duration positive(MappingReader r, String key, Duration fallback) {
        return r.parsed(key, fallback, value -> {
            Duration duration = ConfigValues.parseDuration(value);
            if (duration.isZero()) {
                throw new IllegalArgumentException(ConfigValues.expected("a duration above zero like 5s", value));
            }
            return duration;
        });
    }
}
