package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.Test;

/**
 * The engine's second stage on a JPEG it protected: registered by default, smaller, the same pixels for djpeg and
 * every metadata segment (our XMP among them) byte for byte where it was.
 */
class JpegOptimizerEngineTest {

    @Test
    void protectedJpegGetsSmallerKeepingItsSegmentsAndPixels() throws Exception {
        byte[] original = Files.readAllBytes(ExternalTool.requirePath(
                JpegOptimizerConformanceTest.GO_TESTDATA.resolve("video-001.q50.420.jpeg")));
        ImageGuardEngine engine = new ImageGuardEngine();
        byte[] protectedJpeg = engine.rewrite(original, Policy.DEFAULTS).bytes();

        RewriteResult optimized = engine.optimize(protectedJpeg, Policy.DEFAULTS);

        assertThat(optimized.bytes().length).isLessThan(protectedJpeg.length);
        assertThat(optimized.report().added()).anyMatch(a -> a.startsWith("lossless recompression: "));
        assertThat(Djpeg.cleanPixels(optimized.bytes())).isEqualTo(Djpeg.pixels(protectedJpeg));
        assertThat(metadataSegments(optimized.bytes())).usingElementComparator(java.util.Arrays::compare)
                .isEqualTo(metadataSegments(protectedJpeg));
        assertThat(Images.exiftoolXmp(optimized.bytes())).isEqualTo(Images.exiftoolXmp(protectedJpeg));
    }

    /** Every marker segment except the entropy coding's own (DHT, SOS), the SOF marker byte masked. */
    private static List<byte[]> metadataSegments(byte[] jpeg) {
        return JpegSegmentReader.read(jpeg).stream()
                .filter(s -> s.kind() == JpegSegment.Kind.MARKER_SEGMENT && s.marker() != 0xC4
                        && s.marker() != JpegSegment.SOS)
                .map(s -> {
                    byte[] bytes = java.util.Arrays.copyOfRange(jpeg, s.offset(), s.end());
                    if (s.marker() >= 0xC0 && s.marker() <= 0xC2) {
                        bytes[1] = 0;
                    }
                    return bytes;
                }).toList();
    }
}
