package org.imageguard.engine.pixels;

import java.awt.AlphaComposite;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Shrinks an image to fit a box, keeping the aspect ratio and never enlarging. A single bilinear step from far above
 * the target skips most source pixels (aliasing, moiré); halving at most 2× per step makes every source pixel count,
 * like a box filter, and the last step lands on the exact size.
 *
 * <pre>{@code
 * Dimension size = Downscaler.fit(4000, 3000, 1600, 0);   // 1600×1200
 * BufferedImage small = Downscaler.scale(image, size);
 * }</pre>
 */
final class Downscaler {

    private Downscaler() {
    }

    /**
     * The size that fits in {@code maxWidth × maxHeight} (0 = unbounded), or the image's own size when it already fits.
     */
    static Dimension fit(int width, int height, int maxWidth, int maxHeight) {
        double scale = 1;
        if (maxWidth > 0 && width > maxWidth) {
            scale = Math.min(scale, (double) maxWidth / width);
        }
        if (maxHeight > 0 && height > maxHeight) {
            scale = Math.min(scale, (double) maxHeight / height);
        }
        if (scale >= 1) {
            return new Dimension(width, height);
        }
        int w = clamp((int) Math.round(width * scale), maxWidth);
        int h = clamp((int) Math.round(height * scale), maxHeight);
        return new Dimension(w, h);
    }

    private static int clamp(int value, int max) {
        int atLeastOne = Math.max(1, value);
        return max > 0 ? Math.min(atLeastOne, max) : atLeastOne;
    }

    /** The image at {@code size}, which must not be larger than the image; the image itself when equal. */
    static BufferedImage scale(BufferedImage image, Dimension size) {
        BufferedImage current = image;
        while (current.getWidth() != size.width || current.getHeight() != size.height) {
            int w = Math.max(size.width, (current.getWidth() + 1) / 2);
            int h = Math.max(size.height, (current.getHeight() + 1) / 2);
            current = step(current, w, h);
        }
        return current;
    }

    private static BufferedImage step(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, source.getType());
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
