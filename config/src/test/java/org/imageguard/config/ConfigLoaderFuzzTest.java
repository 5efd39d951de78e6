package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the file holds, loading it gives a configuration or a ConfigException, never another exception; and a
 * configuration that loads prints back to itself.
 */
class ConfigLoaderFuzzTest {

    private static final List<String> SEEDS = seeds();

    @Property(tries = 2000)
    void randomTextOnlyEverFailsWithConfigException(@ForAll("yamlish") String yaml) {
        loadOrConfigException(yaml);
    }

    @Property(tries = 2000)
    void mutatedExamplesOnlyEverFailWithConfigException(@ForAll("mutated") String yaml) {
        loadOrConfigException(yaml);
    }

    @Property(tries = 2000)
    void documentsOfKnownKeysWithOddValuesOnlyEverFailWithConfigException(@ForAll("structured") String yaml) {
        loadOrConfigException(yaml);
    }

    private static void loadOrConfigException(String yaml) {
        try {
            ImageGuardConfig config = ConfigLoader.load(yaml, "fuzz.yaml");
            // What check-config prints must read back as the same configuration.
            assertThat(ConfigLoader.load(ConfigPrinter.print(config), "printed")).isEqualTo(config);
            Statistics.collect("valid");
        } catch (ConfigException e) {
            Statistics.collect(e.getMessage().contains("invalid YAML") ? "invalid YAML" : "rejected by the binder");
            assertThat(e.errors()).isNotEmpty();
            e.errors().forEach(error -> assertThat(error.line()).isGreaterThanOrEqualTo(1));
        }
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings().withChars(":-[]{},'\"#&*!|>%@` \n\t\\abcdefmprstxyz0123456789.?/<~")
                .withCharRange('\u0000', '\u00ff').ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> insert = Arbitraries.of(":", "- ", "[", "]", "{", "}", "\n", "  ", "&a ", "*a", "!!str ",
                "!!binary ", "<<: ", "~", "\"", "'", "50M", "-1", "99999999999999999999", "\u0000", "\t", "? ",
                "0x1F", "1e9", "%", "|", ">");
        return Combinators.combine(seed, Arbitraries.integers().between(0, 1 << 16), insert,
                Arbitraries.integers().between(0, 8)).as((text, at, piece, cut) -> {
                    int position = Math.floorMod(at, text.length() + 1);
                    int end = Math.min(text.length(), position + cut);
                    return text.substring(0, position) + piece + text.substring(end);
                });
    }

    /** Real sections and keys (and near misses) with values of every shape, nested and under paths:. */
    @Provide
    Arbitrary<String> structured() {
        Arbitrary<String> section = Arbitraries.of("server", "origin", "protection", "optimize", "watermark",
                "hotlink", "ai-crawlers", "cache", "limits", "rights", "headers", "optimise", "<<");
        Arbitrary<String> key = Arbitraries.of("host", "port", "admin-port", "upstream", "root", "timeout",
                "data-mining", "other-constraints", "existing-xmp", "strip", "copyright", "web-statement",
                "x-robots-tag", "tdm-policy", "mode", "jpeg-quality", "min-saving", "max-width", "enabled", "text",
                "position", "opacity", "allow", "exempt-paths", "action", "redirect-to", "extra-user-agents",
                "robots-txt", "max-size", "fresh-for", "max-image-size", "max-pixels", "transform-concurrency",
                "on-error", "on-busy", "match", "rights", "headers");
        Arbitrary<String> value = Arbitraries.of("", "~", "true", "no", "0", "-1", "65536", "2147483648", "1.5",
                "NaN", ".inf", "5%", "101%", "500ms", "0s", "99999999999h", "1GB", "9999999999TB", "12.5M",
                "0.0000001M", "DMI-PROHIBITED-SEECONSTRAINT", "redirect", "http://", "https://x.example/",
                "\"ex*ample.com\"", "\"\\u0007\"", "[]", "[a, \"*.b\", \"\"]", "{}", "{ mode: none }",
                "[[1]]", "/**/x/**", "&a [x]", "*a", "!!str 5", "!!binary aGk=", "|\n    multi\n    line");
        Arbitrary<String> entry = Combinators.combine(key, value).as((k, v) -> "  " + k + ": " + v + "\n");
        Arbitrary<String> block = Combinators.combine(section, entry.list().ofMaxSize(4))
                .as((s, entries) -> s + ":\n" + String.join("", entries));
        Arbitrary<String> paths = Combinators.combine(value, block.list().ofMaxSize(2)).as((m, blocks) ->
                "paths:\n  - match: " + m + "\n" + blocks.stream()
                        .map(b -> b.replaceAll("(?m)^", "    ")).collect(Collectors.joining()));
        return Combinators.combine(block.list().ofMaxSize(5), Arbitraries.of(true, false), paths)
                .as((blocks, withPaths, p) -> String.join("", blocks) + (withPaths ? p : ""));
    }

    private static List<String> seeds() {
        try (var files = Files.list(Path.of("examples"))) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                texts.add(Files.readString(file));
            }
            texts.add(Files.readString(Path.of("src/test/resources/reference-example.yaml")));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
