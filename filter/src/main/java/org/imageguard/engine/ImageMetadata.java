package org.imageguard.engine;

import java.util.List;

/**
 * The raw metadata records of one image as its format reader found them; interpretation (is there GPS? which
 * DataMining code?) happens elsewhere.
 *
 * @param xmp    the standard XMP packet, or null
 * @param exif   the EXIF TIFF structure (from the byte-order mark on), or null
 * @param others other metadata records by a short description, e.g. {@code "COM comment"}, {@code "tEXt Author"},
 *               {@code "APP13 IPTC"}, {@code "iCCP ICC profile"}
 * @param frames number of frames (1 for still images)
 */
public record ImageMetadata(ImageFormat format, int width, int height, int frames, byte[] xmp, byte[] exif,
                            List<String> others) {

    public ImageMetadata {
        others = List.copyOf(others);
    }
}
