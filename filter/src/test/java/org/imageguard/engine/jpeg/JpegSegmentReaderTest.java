package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imageguard.engine.jpeg.JpegFixtures.load;

import java.util.Arrays;
import java.util.List;

import org.imageguard.engine.ImageFormatException;
import org.imageguard.testing.ByteArrays;
import org.junit.jupiter.api.Test;

class JpegSegmentReaderTest {

    private static List<Integer> markers(byte[] jpeg) {
        return JpegSegmentReader.read(jpeg).stream().map(JpegSegment::marker).toList();
    }

    private static long count(List<JpegSegment> segments, JpegSegment.Kind kind) {
        return segments.stream().filter(s -> s.kind() == kind).count();
    }

    @Test
    void recordsCoverTheWholeFileInOrder() {
        for (String name : JpegFixtures.ALL) {
            byte[] jpeg = load(name);
            List<JpegSegment> segments = JpegSegmentReader.read(jpeg);
            int expected = 0;
            for (JpegSegment s : segments) {
                assertThat(s.offset()).as(name + " record at " + expected).isEqualTo(expected);
                expected = s.end();
            }
            assertThat(expected).as(name).isEqualTo(jpeg.length);
        }
    }

    @Test
    void progressiveFileHasSeveralScansWithTablesBetween() {
        List<JpegSegment> segments = JpegSegmentReader.read(load("progressive.jpg"));

        assertThat(segments.stream().filter(s -> s.marker() == JpegSegment.SOS).count()).isGreaterThan(1);
        assertThat(count(segments, JpegSegment.Kind.SCAN_DATA)).isGreaterThan(1);
        assertThat(segments.get(segments.size() - 1).kind()).isEqualTo(JpegSegment.Kind.EOI);
    }

    @Test
    void restartMarkersStayInsideTheScanData() {
        byte[] jpeg = load("restart.jpg");
        List<JpegSegment> segments = JpegSegmentReader.read(jpeg);

        assertThat(count(segments, JpegSegment.Kind.STANDALONE)).isZero();
        JpegSegment scan = segments.stream().filter(s -> s.kind() == JpegSegment.Kind.SCAN_DATA).findFirst()
                .orElseThrow();
        byte[] data = Arrays.copyOfRange(jpeg, scan.offset(), scan.end());
        assertThat(JpegFixtures.count(data, new byte[] {(byte) 0xFF, (byte) 0xD0})).isEqualTo(1);
        assertThat(JpegFixtures.count(data, new byte[] {(byte) 0xFF, (byte) 0xD2})).isEqualTo(1);
    }

    @Test
    void bytesAfterEoiAreOneTrailingRecord() {
        byte[] jpeg = load("trailing.jpg");
        JpegSegment last = JpegSegmentReader.read(jpeg).get(JpegSegmentReader.read(jpeg).size() - 1);

        assertThat(last.kind()).isEqualTo(JpegSegment.Kind.TRAILING);
        assertThat(new String(jpeg, last.offset(), last.size())).isEqualTo("TRAILING-DATA-0123456789");
    }

    @Test
    void fillBytesBeforeAMarkerAreTolerated() {
        byte[] jpeg = load("comment.jpg");
        byte[] filled = ByteArrays.insert(jpeg, 2, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        assertThat(markers(filled)).isEqualTo(markers(jpeg));
    }

    @Test
    void fileCutInsideTheScanDataIsAccepted() {
        byte[] jpeg = load("baseline-exif.jpg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 20);

        List<JpegSegment> segments = JpegSegmentReader.read(cut);
        JpegSegment last = segments.get(segments.size() - 1);
        assertThat(last.kind()).isEqualTo(JpegSegment.Kind.SCAN_DATA);
        assertThat(last.end()).isEqualTo(cut.length);
    }

    @Test
    void progressiveFileCutInsideTheTablesBetweenScansIsAccepted() {
        byte[] jpeg = load("progressive.jpg");
        JpegSegment laterTable = JpegSegmentReader.read(jpeg).stream()
                .dropWhile(s -> s.marker() != JpegSegment.SOS)
                .filter(s -> s.kind() == JpegSegment.Kind.MARKER_SEGMENT && s.marker() != JpegSegment.SOS)
                .findFirst().orElseThrow();
        byte[] cut = Arrays.copyOf(jpeg, laterTable.offset() + 5);

        List<JpegSegment> segments = JpegSegmentReader.read(cut);
        JpegSegment last = segments.get(segments.size() - 1);
        assertThat(last.kind()).isEqualTo(JpegSegment.Kind.TRUNCATED);
        assertThat(last.end()).isEqualTo(cut.length);
    }

    @Test
    void missingSoiIsRejected() {
        assertThatThrownBy(() -> JpegSegmentReader.read("GIF89a....".getBytes()))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("JPEG at offset 0: expected SOI 0xFFD8, found 0x4749");
        assertThatThrownBy(() -> JpegSegmentReader.read(new byte[0]))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("expected SOI 0xFFD8, found end of file");
    }

    @Test
    void segmentLengthBelowTwoIsRejected() {
        byte[] jpeg = load("comment.jpg");
        jpeg[4] = 0;
        jpeg[5] = 1; // APP0 length 1

        assertThatThrownBy(() -> JpegSegmentReader.read(jpeg))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("JPEG at offset 4: expected a segment length of at least 2, found 1");
    }

    @Test
    void segmentRunningPastTheEndIsRejected() {
        byte[] jpeg = load("comment.jpg");
        jpeg[4] = (byte) 0xFF;
        jpeg[5] = (byte) 0xF0;

        assertThatThrownBy(() -> JpegSegmentReader.read(jpeg))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("expected 65520 bytes of segment 0xFFE0, found");
    }

    @Test
    void lyingShortLengthIsRejectedAtTheFirstNonMarker() {
        byte[] jpeg = load("comment.jpg");
        jpeg[5] = 10; // APP0 claims 10 bytes instead of 16: the next "marker" is the JFIF X density at 14

        assertThatThrownBy(() -> JpegSegmentReader.read(jpeg))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("JPEG at offset 14: expected a marker (0xFF), found 0x00");
    }

    @Test
    void fileCutAnywhereInItsHeadersIsRejected() {
        byte[] jpeg = load("baseline-exif.jpg");
        int headersEnd = JpegSegmentReader.read(jpeg).stream()
                .filter(s -> s.marker() == JpegSegment.SOS).findFirst().orElseThrow().end();

        for (int length = 0; length < headersEnd; length++) {
            byte[] cut = Arrays.copyOf(jpeg, length);
            assertThatThrownBy(() -> JpegSegmentReader.read(cut)).as("cut at " + length)
                    .isInstanceOf(ImageFormatException.class)
                    .hasMessageContaining("expected");
        }
    }

    @Test
    void secondSoiIsRejected() {
        byte[] jpeg = ByteArrays.insert(load("comment.jpg"), 2, new byte[] {(byte) 0xFF, (byte) 0xD8});

        assertThatThrownBy(() -> JpegSegmentReader.read(jpeg))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("JPEG at offset 2: expected a marker segment, found 0xFFD8");
    }
}
