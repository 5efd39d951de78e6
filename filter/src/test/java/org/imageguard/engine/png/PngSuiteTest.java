package org.imageguard.engine.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Images;
import org.imageguard.testing.PngSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of Willem van Schaik's PngSuite that Go ships (Debian package {@code golang-1.19-src}): all bit depths,
 * colour types, interlacing, palettes, transparency, gamma and text chunks. Go's copy holds only valid files.
 */
class PngSuiteTest {

    /** The suite's file names; one "missing" when there is none, so that the test skips (or fails) with why. */
    static Stream<String> suite() {
        return PngSuite.find().map(folder -> PngSuite.pngs(folder, name -> true).stream()
                .map(path -> path.getFileName().toString())).orElseGet(() -> Stream.of("missing"));
    }

    @ParameterizedTest
    @MethodSource("suite")
    void rewriteIsValidDecodesToTheSamePixelsAndAddsNoExiftoolWarning(String name) throws IOException {
        byte[] in = Files.readAllBytes(PngSuite.file(name));

        byte[] out = PngSamples.rewrite(in, FixedMetadataPlan.privacy());

        PngSamples.assertPngcheckPasses(out);
        assertThat(Images.rgba("png", out)).isEqualTo(Images.rgba("png", in));
        assertThat(Images.exiftoolXmp(out)).contains(FixedMetadataPlan.DATA_MINING);
        assertThat(Images.exiftoolWarnings(out).lines()).isSubsetOf(Images.exiftoolWarnings(in).lines().toList());
    }
}
