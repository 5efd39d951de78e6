package org.imageguard.engine.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Images;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of Willem van Schaik's PngSuite that Go ships (Debian package {@code golang-1.19-src}): all bit depths,
 * colour types, interlacing, palettes, transparency, gamma and text chunks. Go's copy holds only valid files.
 */
class PngSuiteTest {

    static final Path SUITE = Path.of("/usr/share/go-1.19/src/image/png/testdata/pngsuite");

    static Stream<String> suite() throws IOException {
        if (!Files.isDirectory(SUITE)) {
            return Stream.of("missing");
        }
        try (Stream<Path> files = Files.list(SUITE)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("suite")
    void rewriteIsValidDecodesToTheSamePixelsAndAddsNoExiftoolWarning(String name) throws IOException {
        byte[] in = Files.readAllBytes(ExternalTool.requirePath(SUITE.resolve(name)));

        byte[] out = PngSamples.rewrite(in, FixedMetadataPlan.privacy());

        PngSamples.assertPngcheckPasses(out);
        assertThat(Images.rgba("png", out)).isEqualTo(Images.rgba("png", in));
        assertThat(Images.exiftoolXmp(out)).contains(FixedMetadataPlan.DATA_MINING);
        assertThat(Images.exiftoolWarnings(out).lines()).isSubsetOf(Images.exiftoolWarnings(in).lines().toList());
    }
}
