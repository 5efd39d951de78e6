package org.imageguard.engine.jpeg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.imageguard.testing.Fixtures;

/** The committed fixtures (made by {@code src/test/resources/jpeg/make-fixtures.sh}) and ways to doctor them. */
final class JpegFixtures {

    static final List<String> ALL = List.of("baseline-exif.jpg", "progressive.jpg", "cmyk.jpg", "icc.jpg",
            "restart.jpg", "comment.jpg", "iptc.jpg", "xmp.jpg", "trailing.jpg");

    private JpegFixtures() {
    }

    static byte[] load(String name) {
        return Fixtures.bytes(JpegFixtures.class, "/jpeg/" + name);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Where the first SOS segment starts: everything from there on is picture data. */
    static int firstSos(byte[] jpeg) {
        return JpegSegmentReader.read(jpeg).stream().filter(s -> s.marker() == JpegSegment.SOS)
                .findFirst().orElseThrow().offset();
    }

    /** Whether {@code needle} occurs in {@code haystack}, and how often. */
    static int count(byte[] haystack, byte[] needle) {
        int n = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                n++;
            }
        }
        return n;
    }
}
