package org.imageguard.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML configuration language into an immutable {@link ImageGuardConfig}, or fails with every problem of
 * the file as {@code FILE:LINE:COLUMN: message}.
 *
 * <pre>{@code
 * ImageGuardConfig config = ConfigLoader.load(Path.of("/etc/imageguard.yaml"));
 * ImageGuardConfig inline = ConfigLoader.load("optimize: { mode: none }", "inline");
 * ImageGuardConfig bundled = ConfigLoader.loadResource("classpath:imageguard.yaml"); // the filter's init-param
 * ImageGuardConfig deployed = ConfigLoader.load(Path.of("/etc/imageguard.yaml"), System.getenv());
 * ImageGuardConfig envOnly = ConfigLoader.fromEnvironment(System.getenv());          // no file at all
 * }</pre>
 * With an environment, every {@code IMAGEGUARD_*} variable that names a key overrides the file (see
 * {@link EnvironmentOverlay}); its errors read {@code IMAGEGUARD_SERVER_PORT: server.port: message}.
 * Absent keys take the defaults of the settings records. The loader uses SnakeYAML's node API (not its object
 * constructor), so no type tag in the file can make it instantiate a class.
 */
public final class ConfigLoader {

    /** A configuration file is a page of text; anything far bigger is a mistake or an attack. */
    static final int MAX_BYTES = 1 << 20;

    private ConfigLoader() {
    }

    public static ImageGuardConfig load(Path file) {
        return load(file, Map.of());
    }

    /** The file with the configuration variables of {@code environment} laid over it. */
    public static ImageGuardConfig load(Path file, Map<String, String> environment) {
        return load(file, environment, false);
    }

    /**
     * What {@code serve} and {@code check-config} load: the file (or, when null, the defaults) with the environment,
     * and what serving will open checked too ({@code origin.root} an existing, readable folder).
     */
    public static ImageGuardConfig loadForServing(Path file, Map<String, String> environment) {
        return file == null ? load("", "environment", environment, true) : load(file, environment, true);
    }

    private static ImageGuardConfig load(Path file, Map<String, String> environment, boolean checkFiles) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw single(source, "cannot read the configuration: this is a directory");
        }
        try {
            return load(decode(Files.readAllBytes(checkSize(file, source)), source), source, environment, checkFiles);
        } catch (NoSuchFileException e) {
            throw single(source, "cannot read the configuration: no such file");
        } catch (IOException e) {
            throw single(source, "cannot read the configuration: " + e.getMessage());
        }
    }

    /** {@code classpath:NAME} reads a resource (as the servlet filter's init-param may say); anything else a file. */
    public static ImageGuardConfig loadResource(String location) {
        return loadResource(location, Map.of());
    }

    /** {@link #loadResource(String)} with the configuration variables of {@code environment} laid over it. */
    public static ImageGuardConfig loadResource(String location, Map<String, String> environment) {
        if (!location.startsWith("classpath:")) {
            return load(Path.of(location), environment);
        }
        String name = location.substring("classpath:".length()).replaceFirst("^/+", "");
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ConfigLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw single(location, "cannot read the configuration: no such resource on the class path");
            }
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw single(location, "the configuration is larger than " + MAX_BYTES + " bytes");
            }
            return load(decode(bytes, location), location, environment);
        } catch (IOException e) {
            throw single(location, "cannot read the configuration: " + e.getMessage());
        }
    }

    /** Parses YAML text; {@code sourceName} names it in error messages. */
    public static ImageGuardConfig load(String yaml, String sourceName) {
        return load(yaml, sourceName, Map.of());
    }

    /** Parses YAML text with the configuration variables of {@code environment} laid over it. */
    public static ImageGuardConfig load(String yaml, String sourceName, Map<String, String> environment) {
        return load(yaml, sourceName, environment, false);
    }

    private static ImageGuardConfig load(String yaml, String sourceName, Map<String, String> environment,
                                         boolean checkFiles) {
        Problems problems = new Problems(sourceName);
        Node root = compose(yaml, problems);
        problems.throwIfAny();
        root = EnvironmentOverlay.apply(root, environment, problems);
        ImageGuardConfig config = new ConfigBinder(problems, checkFiles).bind(root);
        problems.throwIfAny();
        return config;
    }

    /** The defaults with the configuration variables of {@code environment} applied: no file at all. */
    public static ImageGuardConfig fromEnvironment(Map<String, String> environment) {
        return load("", "environment", environment);
    }

    private static Node compose(String yaml, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            return composeNode(yaml, options);
        } catch (MarkedYAMLException e) {
            problems.add(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
                    "invalid YAML: " + e.getProblem() + indentationHint(e.getProblem()));
        } catch (YAMLException e) {
            problems.add((org.yaml.snakeyaml.error.Mark) null, "invalid YAML: " + e.getMessage());
        }
        return null;
    }

    /**
     * The YAML text as a node tree, as {@code new Yaml(options).compose} makes it without building what a {@code Yaml}
     * also holds for constructing objects and dumping (a constructor, a representer, a logger): start-up of a
     * command that loads one small file pays for every class it touches.
     *
     * @throws YAMLException when the text is not valid YAML
     */
    static Node composeNode(String yaml, LoaderOptions options) {
        return new Composer(new ParserImpl(new StreamReader(new StringReader(yaml)), options), new Resolver(), options)
                .getSingleNode();
    }

    /** The YAML errors an indentation mistake causes, said in the words of the mistake. */
    private static String indentationHint(String problem) {
        if (problem == null) {
            return "";
        }
        if (problem.startsWith("mapping values are not allowed")) {
            return " (check the indentation: a key indented deeper than the key above it, or a value containing"
                    + " ': ' that needs quotes)";
        }
        if (problem.startsWith("expected <block end>") || problem.startsWith("could not find expected ':'")) {
            return " (check the indentation: keys of one section line up in one column, list items '- ' under"
                    + " their key)";
        }
        return "";
    }

    private static Path checkSize(Path file, String source) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw single(source, "the configuration is larger than " + MAX_BYTES + " bytes");
        }
        return file;
    }

    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw single(source, "the configuration is not UTF-8 text");
        }
    }

    private static ConfigException single(String source, String message) {
        return new ConfigException(List.of(new ConfigError(source, 0, 0, message)));
    }
}
