package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/** Whatever the file holds, loading it gives a configuration or a ConfigException, never another exception. */
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

    private static void loadOrConfigException(String yaml) {
        try {
            assertThat(ConfigLoader.load(yaml, "fuzz.yaml")).isNotNull();
        } catch (ConfigException e) {
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

    private static List<String> seeds() {
        try (var files = Files.list(Path.of("examples"))) {
            List<String> texts = new java.util.ArrayList<>();
            for (Path file : files.sorted().toList()) {
                texts.add(Files.readString(file));
            }
            texts.add(Files.readString(Path.of("src/test/resources/spec-section-3.yaml")));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
