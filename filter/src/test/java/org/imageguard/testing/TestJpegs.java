package org.imageguard.testing;

import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.StreamReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Test-side JPEG plumbing, done with metadata-extractor or by hand so tests never rely on our own parsers. */
public final class TestJpegs {

    private TestJpegs() {
    }

    /** The JPEG with one more segment ({@code 0xFF marker}, length, payload) right after SOI. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        int length = 2 + payload.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("segment payload too large: " + payload.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The payloads of every segment of one type, as metadata-extractor splits the file. */
    public static List<byte[]> segments(byte[] jpeg, JpegSegmentType type) {
        try {
            JpegSegmentData data = JpegSegmentReader.readSegments(
                    new StreamReader(new ByteArrayInputStream(jpeg)), List.of(type));
            List<byte[]> list = new ArrayList<>();
            data.getSegments(type).forEach(list::add);
            return list;
        } catch (Exception e) {
            throw new IllegalStateException("metadata-extractor could not split the JPEG", e);
        }
    }
}
