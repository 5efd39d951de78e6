package org.imageguard.engine.png;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.io.Bytes;

/** Reads a PNG's metadata records without changing anything: XMP, EXIF, frame count and the other records. */
final class PngMetadataReader {

    private static final int ACTL_LENGTH = 8;
    private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};

    private PngMetadataReader() {
    }

    static ImageMetadata read(PngFile png) {
        byte[] file = png.bytes();
        byte[] exif = null;
        int frames = 1;
        List<String> others = new ArrayList<>();
        for (PngChunk chunk : png.chunks()) {
            if (chunk.is("eXIf") && chunk.crcValid() && exif == null) {
                exif = chunk.data(file);
            } else if (chunk.is("acTL") && chunk.length() == ACTL_LENGTH) {
                long count = Bytes.u32be(file, chunk.dataOffset());
                frames = count > 0 && count <= Integer.MAX_VALUE ? (int) count : frames;
            } else if (PngText.isText(chunk) && !PngText.isXmp(file, chunk)) {
                others.add(chunk.type() + " " + PngText.keyword(file, chunk));
            } else if (chunk.is("iCCP")) {
                others.add("iCCP ICC profile");
            } else if (chunk.is("tIME")) {
                others.add("tIME modification time");
            } else if (!chunk.critical() && !PngChunkPolicy.shapesPicture(chunk.type()) && !chunk.is("iTXt")) {
                others.add(chunk.type());
            }
        }
        return new ImageMetadata(ImageFormat.PNG, png.width(), png.height(), frames, xmp(png), exif, others);
    }

    /** The text of the first XMP iTXt, or null. */
    static byte[] xmp(PngFile png) {
        for (PngChunk chunk : png.chunks()) {
            if (chunk.crcValid() && PngText.isXmp(png.bytes(), chunk)) {
                return PngText.itxtText(png.bytes(), chunk);
            }
        }
        return null;
    }

    /**
     * The TIFF structure of an eXIf chunk, or null when it does not start with a byte-order mark. Some writers wrongly
     * keep JPEG's {@code Exif\0\0} prefix; it is skipped.
     */
    static byte[] tiff(byte[] exif) {
        byte[] tiff = startsWith(exif, EXIF_PREFIX) ? Arrays.copyOfRange(exif, EXIF_PREFIX.length, exif.length) : exif;
        boolean intel = startsWith(tiff, new byte[] {'I', 'I', 42, 0});
        boolean motorola = startsWith(tiff, new byte[] {'M', 'M', 0, 42});
        return intel || motorola ? tiff : null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
