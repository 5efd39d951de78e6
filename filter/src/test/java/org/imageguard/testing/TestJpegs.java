package org.imageguard.testing;

import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.StreamReader;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.io.Bytes;

/** Test-side JPEG plumbing, done with metadata-extractor or by hand so tests never rely on our own parsers. */
public final class TestJpegs {

    private TestJpegs() {
    }

    /** The JPEG with one more segment ({@code 0xFF marker}, length, payload) right after SOI. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        if (2 + payload.length > 0xFFFF) {
            throw new IllegalArgumentException("segment payload too large: " + payload.length);
        }
        return insertSegment(jpeg, 2, marker, payload);
    }

    /**
     * {@code jpeg} with a new marker segment inserted at byte {@code at} (2 = right after SOI); the length field is
     * not checked, so tests can write a wrapped one.
     */
    public static byte[] insertSegment(byte[] jpeg, int at, int marker, byte[] payload) {
        byte[] segment = new byte[4 + payload.length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        Bytes.putU16be(segment, 2, payload.length + 2);
        System.arraycopy(payload, 0, segment, 4, payload.length);
        return ByteArrays.insert(jpeg, at, segment);
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
