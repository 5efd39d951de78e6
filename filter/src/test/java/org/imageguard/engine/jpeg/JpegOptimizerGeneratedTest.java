package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.LosslessOptimizer;
import org.imageguard.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JPEGs made by libjpeg-turbo's cjpeg from a deterministic ImageMagick plasma: every sampling-factor shape, odd
 * sizes, restart intervals in rows and in blocks, progressive scripts with deep successive approximation, grey and
 * RGB. Each output of each effort must decode with djpeg to the input's bytes without a warning.
 */
class JpegOptimizerGeneratedTest {

    /** A progressive script exercising spectral selection, Al up to 3 and refinement of a partial band. */
    private static final String DEEP_SCRIPT = """
            0,1,2: 0-0, 0, 2;
            0: 1-2, 0, 3;
            0: 3-63, 0, 3;
            1: 1-63, 0, 1;
            2: 1-63, 0, 0;
            0: 1-63, 3, 2;
            0,1,2: 0-0, 2, 1;
            0,1,2: 0-0, 1, 0;
            1: 1-63, 1, 0;
            0: 1-20, 2, 1;
            0: 21-63, 2, 1;
            0: 1-63, 1, 0;
            """;

    /** One sequential scan per component: an MCU of all three would hold 12 blocks, more than a scan may. */
    private static final String SEPARATE_SCRIPT = "0; 1; 2;";

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        String[] samplings = {"1x1", "2x1", "1x2", "2x2", "4x1", "1x4", "3x1", "4x2,1x1,1x1", "2x2,1x2,2x1", "3x2"};
        int[][] sizes = {{1, 1}, {17, 9}, {97, 61}, {250, 3}};
        for (String sampling : samplings) {
            for (int[] size : sizes) {
                cases.add(Arguments.of(size[0], size[1], List.of("-sample", sampling)));
                cases.add(Arguments.of(size[0], size[1], List.of("-sample", sampling, "-progressive")));
            }
        }
        cases.add(Arguments.of(97, 61, List.of("-restart", "1", "-sample", "2x1")));
        cases.add(Arguments.of(97, 61, List.of("-restart", "1", "-sample", "2x2", "-progressive")));
        cases.add(Arguments.of(97, 61, List.of("-restart", "3B", "-sample", "2x2", "-progressive")));
        cases.add(Arguments.of(131, 77, List.of("-restart", "5B", "-grayscale", "-progressive")));
        cases.add(Arguments.of(131, 77, List.of("-restart", "1B", "-sample", "1x1", "-progressive")));
        cases.add(Arguments.of(64, 64, List.of("-grayscale")));
        cases.add(Arguments.of(64, 64, List.of("-grayscale", "-progressive", "-quality", "100")));
        cases.add(Arguments.of(64, 64, List.of("-rgb", "-quality", "100")));
        cases.add(Arguments.of(160, 120, List.of("-quality", "100", "-sample", "1x1", "-optimize")));
        cases.add(Arguments.of(160, 120, List.of("-quality", "5", "-sample", "2x2", "-progressive")));
        cases.add(Arguments.of(160, 120, List.of("-quality", "100", "-scans", "DEEP")));
        cases.add(Arguments.of(160, 120, List.of("-quality", "90", "-restart", "2B", "-scans", "DEEP")));
        cases.add(Arguments.of(97, 61, List.of("-sample", "4x2,2x1,2x1", "-scans", "SEPARATE")));
        cases.add(Arguments.of(97, 61, List.of("-sample", "4x2,2x1,2x1", "-restart", "2B", "-scans", "SEPARATE")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @MethodSource("cases")
    void everyEffortDecodesToTheSamePixels(int width, int height, List<String> cjpegArgs) throws Exception {
        byte[] in = cjpeg(width, height, cjpegArgs);

        for (OptimizeEffort effort : OptimizeEffort.values()) {
            LosslessOptimizer.Result result = new JpegOptimizer().optimize(in, effort, 100_000_000L);

            assertThat(result.bytes().length).as(result.note()).isLessThanOrEqualTo(in.length);
            assertThat(Djpeg.cleanPixels(result.bytes())).as(effort + ": " + result.note())
                    .isEqualTo(Djpeg.pixels(in));
        }
    }

    @Test
    void arithmeticCodedInputComesBackByteIdentical() throws Exception {
        byte[] in = cjpeg(97, 61, List.of("-arithmetic", "-sample", "2x2"));

        LosslessOptimizer.Result result = new JpegOptimizer().optimize(in, OptimizeEffort.MAX, 100_000_000L);

        assertThat(result.bytes()).isSameAs(in);
        assertThat(result.note()).contains("arithmetic");
    }

    @Test
    void progressiveArithmeticInputComesBackByteIdentical() throws Exception {
        byte[] in = cjpeg(97, 61, List.of("-arithmetic", "-progressive"));

        LosslessOptimizer.Result result = new JpegOptimizer().optimize(in, OptimizeEffort.DEFAULT, 100_000_000L);

        assertThat(result.bytes()).isSameAs(in);
        assertThat(result.note()).contains("arithmetic");
    }

    @Test
    void pictureAboveMaxPixelsIsLeftAlone() throws Exception {
        byte[] in = cjpeg(97, 61, List.of());

        LosslessOptimizer.Result result = new JpegOptimizer().optimize(in, OptimizeEffort.DEFAULT, 97 * 61 - 1);

        assertThat(result.bytes()).isSameAs(in);
        assertThat(result.note()).contains("max-pixels");
    }

    /** A deterministic plasma of the given size, compressed by cjpeg with {@code args}. */
    static byte[] cjpeg(int width, int height, List<String> args) throws Exception {
        byte[] ppm = ExternalTool.runOk(List.of("convert", "-seed", "7", "-size", width + "x" + height,
                "plasma:red-blue", "ppm:-"), null);
        List<String> command = new ArrayList<>(List.of("cjpeg"));
        for (String arg : args) {
            if (arg.equals("DEEP") || arg.equals("SEPARATE")) {
                Path script = Files.createTempFile("scans", ".txt");
                Files.writeString(script, arg.equals("DEEP") ? DEEP_SCRIPT : SEPARATE_SCRIPT,
                        StandardCharsets.US_ASCII);
                script.toFile().deleteOnExit();
                command.add(script.toString());
            } else {
                command.add(arg);
            }
        }
        return ExternalTool.runOk(command, ppm);
    }
}
