package org.imageguard.engine.pixels;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import org.imageguard.engine.png.PngChunk;
import org.imageguard.engine.png.PngChunkReader;
import org.imageguard.engine.png.PngFile;

/**
 * Carries the metadata records of the protected source over to a freshly encoded image, which the JDK writers leave
 * bare: the ICC profile (without it the numbers would be read as sRGB: wrong colours), the XMP with DataMining and
 * the rights, the cleaned EXIF with its orientation reset to 1 (the turn is now in the pixels) and its pixel
 * dimensions set to the new image's, comments and IPTC as
 * the strip mode left them. Records that describe the old encoding are not carried: JFIF and Adobe APP14 headers, MPF
 * offsets, PNG palette, transparency and physical size.
 *
 * <pre>{@code
 * byte[] out = MetadataCarrier.intoJpeg(JpegHeader.read(protectedJpeg), encodedJpeg, width, height);
 * }</pre>
 */
final class MetadataCarrier {

    /** Chunks that describe the colours or carry text and EXIF: meaningful whatever the new encoding. */
    private static final Set<String> PNG_CARRIED =
            Set.of("iCCP", "sRGB", "gAMA", "cHRM", "cICP", "iTXt", "tEXt", "zTXt", "eXIf");
    private static final int PNG_SIGNATURE = 8;

    private MetadataCarrier() {
    }

    /** The encoded JPEG with the source's APPn (but APP0 and APP14) and COM segments after its JFIF header. */
    static byte[] intoJpeg(JpegHeader source, byte[] encoded, int width, int height) {
        JpegHeader target = JpegHeader.read(encoded);
        List<JpegHeader.Segment> targetSegments = target.segments();
        int insertAt = 2;
        if (!targetSegments.isEmpty() && targetSegments.get(0).marker() == JpegHeader.APP0) {
            insertAt = targetSegments.get(0).end();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + source.bytes().length / 8);
        out.write(encoded, 0, insertAt);
        byte[] from = source.bytes();
        for (JpegHeader.Segment s : source.segments()) {
            boolean carried = (s.isApp() && s.marker() != JpegHeader.APP0 && s.marker() != JpegHeader.APP14
                    && !(s.marker() == JpegHeader.APP2 && s.payloadStartsWith(from, "MPF\0")))
                    || s.marker() == JpegHeader.COM;
            if (!carried) {
                continue;
            }
            byte[] segment = java.util.Arrays.copyOfRange(from, s.offset(), s.end());
            if (source.isExif(s)) {
                describeNewPixels(segment, 4 + 6, segment.length - 10, width, height);
            }
            out.writeBytes(segment);
        }
        out.write(encoded, insertAt, encoded.length - insertAt);
        return out.toByteArray();
    }

    /**
     * The encoded PNG with the source's colour, text and EXIF chunks right after IHDR (where colour chunks must be),
     * replacing any of the same types the encoder wrote.
     */
    static byte[] intoPng(byte[] source, byte[] encoded, int width, int height) {
        PngFile from = PngChunkReader.read(source);
        PngFile target = PngChunkReader.read(encoded);
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + source.length / 8);
        out.write(encoded, 0, PNG_SIGNATURE);
        PngChunk header = target.chunks().get(0);
        out.write(encoded, header.offset(), header.end() - header.offset());
        for (PngChunk chunk : from.chunks()) {
            if (!PNG_CARRIED.contains(chunk.type())) {
                continue;
            }
            byte[] bytes = java.util.Arrays.copyOfRange(source, chunk.offset(), chunk.end());
            if (chunk.is("eXIf")) {
                describeNewPixels(bytes, 8, chunk.length(), width, height);
                writeCrc(bytes);
            }
            out.writeBytes(bytes);
        }
        for (PngChunk chunk : target.chunks().subList(1, target.chunks().size())) {
            if (!PNG_CARRIED.contains(chunk.type())) {
                out.write(encoded, chunk.offset(), chunk.end() - chunk.offset());
            }
        }
        return out.toByteArray();
    }

    /**
     * Makes the EXIF TIFF structure at {@code tiff[offset..offset+length)} describe re-encoded pixels, in place:
     * orientation 1 (any turn is in the pixels now), the new width and height.
     */
    static void describeNewPixels(byte[] tiff, int offset, int length, int width, int height) {
        ExifOrientation.resetToNormal(tiff, offset, length);
        ExifDimensions.set(tiff, offset, length, width, height);
    }

    /** Recomputes the CRC of a whole chunk (length, type, data, CRC) after its data changed. */
    private static void writeCrc(byte[] chunk) {
        CRC32 crc = new CRC32();
        crc.update(chunk, 4, chunk.length - 8);
        long value = crc.getValue();
        for (int i = 0; i < 4; i++) {
            chunk[chunk.length - 4 + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    /** The source PNG without iCCP, so the decoder hands over the stored numbers unconverted. */
    static byte[] pngWithoutIccProfile(byte[] png) {
        PngFile file = PngChunkReader.read(png);
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, PNG_SIGNATURE);
        for (PngChunk chunk : file.chunks()) {
            if (!chunk.is("iCCP")) {
                out.write(png, chunk.offset(), chunk.end() - chunk.offset());
            }
        }
        return out.toByteArray();
    }

    static boolean isAnimatedPng(byte[] png) {
        return PngChunkReader.read(png).chunks().stream().anyMatch(c -> c.is("acTL"));
    }
}
