package org.imageguard.engine.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.LosslessOptimizer;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Images;
import org.imageguard.testing.PngSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PngSuite image (all colour types and bit depths, Adam7, palettes with and without tRNS, colour keys, sBIT,
 * bKGD, hIST, gAMA), protected and then recompressed at every effort: pngcheck finds no error and ImageMagick
 * decodes exactly the original's RGBA.
 */
class PngOptimizerSuiteTest {

    @ParameterizedTest
    @MethodSource("org.imageguard.engine.png.PngSuiteTest#suite")
    void recompressionIsValidAndDecodesToTheOriginalPixels(String name) throws IOException {
        byte[] original = Files.readAllBytes(PngSuite.file(name));
        byte[] protectedPng = PngSamples.rewrite(original, FixedMetadataPlan.privacy());
        byte[] pixels = Images.rgba("png", original);

        for (OptimizeEffort effort : OptimizeEffort.values()) {
            LosslessOptimizer.Result result = new PngOptimizer().optimize(protectedPng, effort, 1L << 30);

            assertThat(result.bytes().length).as(effort + ": " + result.note()).isLessThanOrEqualTo(protectedPng.length);
            PngSamples.assertPngcheckPasses(result.bytes());
            assertThat(Images.rgba("png", result.bytes())).as(effort + ": " + result.note()).isEqualTo(pixels);
        }
    }
}
