package org.imageguard.engine.png;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
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
        return new ImageMetadata(ImageFormat.PNG, png.width(), png.height(), frames, xmp(png, problem -> { }), exif,
                others);
    }

    /**
     * The image's XMP packet: the first readable XMP iTXt, else ImageMagick's "Raw profile type xmp", else null.
     * An unreadable record (corrupt zlib, a decompression bomb, a broken layout) is passed over and described to
     * {@code problems}: it is dropped from the output anyway, and refusing the image would leave it unprotected.
     */
    static byte[] xmp(PngFile png, Consumer<String> problems) {
        byte[] fromRawProfile = null;
        for (PngChunk chunk : png.chunks()) {
            boolean itxt = PngText.isXmp(png.bytes(), chunk);
            boolean raw = PngText.isText(chunk)
                    && PngRawProfile.XMP_KEYWORD.equals(PngText.keyword(png.bytes(), chunk));
            boolean wanted = itxt || raw && fromRawProfile == null;
            if (!chunk.crcValid() || !wanted) {
                continue;
            }
            try {
                byte[] text = PngText.text(png.bytes(), chunk);
                if (itxt) {
                    return text;
                }
                fromRawProfile = PngRawProfile.decode(text, PngText.MAX_INFLATED);
            } catch (ImageFormatException e) {
                problems.accept("unreadable XMP (" + e.getMessage() + ")");
            }
        }
        return fromRawProfile;
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
