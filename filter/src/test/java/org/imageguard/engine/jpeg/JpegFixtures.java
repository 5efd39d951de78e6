package org.imageguard.engine.jpeg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.imageguard.engine.io.Bytes;
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

    /** {@code jpeg} with a new marker segment inserted at byte {@code at} (2 = right after SOI). */
    static byte[] insertSegment(byte[] jpeg, int at, int marker, byte[] payload) {
        byte[] segment = new byte[4 + payload.length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        Bytes.putU16be(segment, 2, payload.length + 2);
        System.arraycopy(payload, 0, segment, 4, payload.length);
        return insert(jpeg, at, segment);
    }

    static byte[] insert(byte[] data, int at, byte[] inserted) {
        byte[] out = new byte[data.length + inserted.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(data, at, out, at + inserted.length, data.length - at);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
