package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.imageguard.config.DataMining;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.testing.ExifTool;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.ImageTools;
import org.imageguard.testing.PngSuite;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Willem van Schaik's PngSuite (every colour type, bit depth, interlacing, filter, ancillary chunk) through the
 * engine: every valid file comes out accepted by pngcheck with the same pixels and the DataMining statement where
 * exiftool looks for it; every broken one ({@code x*} in the full suite, Go's {@code invalid-*} next to its copy) is
 * refused with {@link ImageFormatException} or comes out valid.
 *
 * <p>{@code IMAGEGUARD_PNGSUITE} names the folder (default: Debian's copy, when installed); Debian ships the suite
 * in {@code golang-1.19-src} ({@code /usr/share/go-1.19/src/image/png/testdata/pngsuite}) and {@code .ci/run}
 * installs it.
 */
class PngSuiteIT {

    private final ImageGuardEngine engine = new ImageGuardEngine();

    static Stream<Named<Path>> validFiles() {
        return pngs(PngSuite.directory(), name -> !name.startsWith("x"));
    }

    /** The suite's own broken files, and Go's hand-made ones one folder up when the suite is Go's copy. */
    static Stream<Named<Path>> brokenFiles() {
        Path suite = PngSuite.directory();
        Stream<Named<Path>> theirs = pngs(suite, name -> name.startsWith("x"));
        Path parent = suite.toAbsolutePath().getParent();
        return parent == null ? theirs : Stream.concat(theirs, pngs(parent, name -> name.startsWith("invalid-")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void validFileComesOutAcceptedByPngcheckWithTheSamePixels(Path file) throws IOException {
        byte[] input = Files.readAllBytes(file);
        byte[] output = engine.rewrite(input, EngineInteropIT.POLICY).bytes();

        ExternalTool.Result pngcheck = ImageTools.check(ImageFormat.PNG, output).orElseThrow();
        assertThat(pngcheck.exitCode()).as(pngcheck.describe()).isZero();
        assertThat(Arrays.equals(ImageTools.rgba(ImageFormat.PNG, output), ImageTools.rgba(ImageFormat.PNG, input)))
                .as("decoded pixels identical").isTrue();
        String packet = new String(ExifTool.bytesOf(ExifTool.require().allTags(output).path("XMP:XMP")),
                StandardCharsets.UTF_8);
        assertThat(packet).as("the XMP packet exiftool finds").contains(DataMining.DMI_PROHIBITED.uri());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFileIsRefusedOrComesOutValid(Path file) throws IOException {
        byte[] input = Files.readAllBytes(file);
        byte[] output;
        try {
            output = engine.rewrite(input, EngineInteropIT.POLICY).bytes();
        } catch (ImageFormatException refused) {
            assertThat(refused.format()).isEqualTo(ImageFormat.PNG);
            return;
        }
        ExternalTool.Result after = ImageTools.check(ImageFormat.PNG, output).orElseThrow();
        if (after.exitCode() != 0) {
            // The engine copies IDAT byte for byte and never inflates it (metadata surgery only), so a damaged
            // zlib stream may pass through, but nothing else may be wrong, and only if it was wrong before.
            ExternalTool.Result before = ImageTools.check(ImageFormat.PNG, input).orElseThrow();
            assertThat(after.out()).as(after.describe()).contains("zlib").isEqualTo(before.out());
        }
    }

    private static Stream<Named<Path>> pngs(Path directory, Predicate<String> nameTest) {
        return PngSuite.pngs(directory, nameTest).stream().map(path -> Named.of(path.getFileName().toString(), path));
    }
}
