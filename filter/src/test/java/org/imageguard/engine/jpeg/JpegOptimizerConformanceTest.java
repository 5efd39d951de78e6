package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.LosslessOptimizer;
import org.imageguard.testing.ExternalTool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go's JPEG conformance images (Debian package {@code golang-1.19-src}): every chroma subsampling, progressive and
 * sequential, grey, CMYK, RGB, restart intervals, separate DC scans. Each effort's output must decode with djpeg to
 * the very bytes the input decodes to, without a warning, and be no larger than the input.
 */
class JpegOptimizerConformanceTest {

    static final Path GO_TESTDATA = Path.of("/usr/share/go-1.19/src/image/testdata");

    static Stream<Arguments> images() throws IOException {
        ExternalTool.requirePath(GO_TESTDATA);
        if (!Files.isDirectory(GO_TESTDATA)) {
            return Stream.of(Arguments.of("missing", OptimizeEffort.FAST));
        }
        try (Stream<Path> files = Files.list(GO_TESTDATA)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpeg")).sorted().toList()
                    .stream().flatMap(n -> Arrays.stream(OptimizeEffort.values()).map(e -> Arguments.of(n, e)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("images")
    void outputDecodesToTheSamePixelsWithoutWarning(String name, OptimizeEffort effort) throws IOException {
        byte[] in = Files.readAllBytes(ExternalTool.requirePath(GO_TESTDATA.resolve(name)));

        LosslessOptimizer.Result result = new JpegOptimizer().optimize(in, effort, 100_000_000L);

        assertThat(result.bytes().length).as(result.note()).isLessThanOrEqualTo(in.length);
        if (name.contains("truncated")) {
            assertThat(result.bytes()).as(result.note()).isSameAs(in);
            return;
        }
        assertThat(Djpeg.cleanPixels(result.bytes())).as(result.note()).isEqualTo(Djpeg.pixels(in));
    }
}
