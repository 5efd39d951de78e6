package org.imageguard.engine.pixels;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Converts between what a decoder hands over and the 8-bit RGB(A) images the pixel work runs on, copying channel
 * numbers without colour management: the ICC profile is carried over to the output untouched, so the numbers must not
 * be converted either (Java 2D would otherwise treat grey as linear light and brighten it).
 *
 * <pre>{@code
 * ColourKind kind = WorkingImage.kindOf(decoded);
 * BufferedImage work = WorkingImage.from(decoded, kind);
 * BufferedImage out = WorkingImage.to(work, kind);
 * }</pre>
 */
final class WorkingImage {

    private WorkingImage() {
    }

    static ColourKind kindOf(BufferedImage decoded) {
        ColorModel cm = decoded.getColorModel();
        boolean grey = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (grey) {
            return cm.hasAlpha() ? ColourKind.GREY_ALPHA : ColourKind.GREY;
        }
        return cm.hasAlpha() ? ColourKind.RGBA : ColourKind.RGB;
    }

    /** An INT_RGB or INT_ARGB copy (non-premultiplied) holding the decoded channel values. */
    static BufferedImage from(BufferedImage decoded, ColourKind kind) {
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        BufferedImage out = new BufferedImage(w, h, kind.workingType());
        ColorModel cm = decoded.getColorModel();
        if (cm instanceof IndexColorModel || (cm.getColorSpace().isCS_sRGB() && !kind.grey())) {
            // Palette entries and sRGB-tagged channels are taken as they are by Java 2D: a plain copy.
            Graphics2D g = out.createGraphics();
            try {
                g.setComposite(AlphaComposite.Src);
                g.drawImage(decoded, 0, 0, null);
            } finally {
                g.dispose();
            }
            return out;
        }
        Raster in = decoded.getRaster();
        int bands = in.getNumBands();
        int shift = Math.max(0, cm.getComponentSize(0) - 8);
        int[] row = new int[w * bands];
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            in.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int base = x * bands;
                int r = row[base] >> shift;
                int g = kind.grey() ? r : row[base + 1] >> shift;
                int b = kind.grey() ? r : row[base + 2] >> shift;
                int a = kind.alpha() ? row[base + bands - 1] >> shift : 0xFF;
                argb[x] = (a << 24) | (r << 16) | (g << 8) | b;
            }
            out.setRGB(0, y, w, 1, argb, 0, w);
        }
        return out;
    }

    /** The image to encode: the working image itself for RGB(A), a grey or grey+alpha copy (luma) for grey sources. */
    static BufferedImage to(BufferedImage work, ColourKind kind) {
        if (!kind.grey()) {
            return work;
        }
        int w = work.getWidth();
        int h = work.getHeight();
        BufferedImage out;
        if (kind == ColourKind.GREY) {
            out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        } else {
            ColorModel cm = new java.awt.image.ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true,
                    false, java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
            out = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        }
        WritableRaster raster = out.getRaster();
        int bands = raster.getNumBands();
        int[] argb = new int[w];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            work.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                int luma = (299 * ((p >> 16) & 0xFF) + 587 * ((p >> 8) & 0xFF) + 114 * (p & 0xFF) + 500) / 1000;
                row[x * bands] = luma;
                if (bands == 2) {
                    row[x * bands + 1] = p >>> 24;
                }
            }
            raster.setPixels(0, y, w, 1, row);
        }
        return out;
    }
}
