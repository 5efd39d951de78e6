package org.imageguard.engine.pixels;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of an image (TIFF tag 0x0112): how the stored pixels must be turned to show the picture
 * upright. The pixel stage bakes it into the pixels and writes 1 in the tag, so viewers that ignore the tag and
 * viewers that honour it show the same picture.
 *
 * <pre>{@code
 * BufferedImage upright = Orientation.of(exifTiff).apply(decoded);
 * }</pre>
 */
enum Orientation {
    NORMAL, MIRROR_HORIZONTAL, ROTATE_180, MIRROR_VERTICAL, TRANSPOSE, ROTATE_90, TRANSVERSE, ROTATE_270;

    /** The orientation the tag value names; 1 and out-of-range values (which viewers ignore) are normal. */
    static Orientation ofTag(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** Whether width and height trade places. */
    boolean swapsAxes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    /** The upright picture; the image itself when nothing needs turning. */
    BufferedImage apply(BufferedImage source) {
        if (this == NORMAL) {
            return source;
        }
        int w = source.getWidth();
        int h = source.getHeight();
        int outW = swapsAxes() ? h : w;
        int outH = swapsAxes() ? w : h;
        BufferedImage out = new BufferedImage(outW, outH, source.getType());
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.drawImage(source, transform(w, h), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Maps stored coordinates to upright ones (EXIF 2.32, tag Orientation: row 0 / column 0 placement). */
    private AffineTransform transform(int w, int h) {
        return switch (this) {
            case NORMAL -> new AffineTransform();
            case MIRROR_HORIZONTAL -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case ROTATE_180 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case MIRROR_VERTICAL -> new AffineTransform(1, 0, 0, -1, 0, h);
            case TRANSPOSE -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case ROTATE_90 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case TRANSVERSE -> new AffineTransform(0, -1, -1, 0, h, w);
            case ROTATE_270 -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
    }
}
