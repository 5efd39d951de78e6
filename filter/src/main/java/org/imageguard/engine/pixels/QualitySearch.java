package org.imageguard.engine.pixels;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;

/**
 * {@code jpeg-quality: auto}: the lowest JPEG quality whose decoded result keeps a structural similarity (SSIM, on
 * luma, over 8×8 windows) of at least {@link #TARGET} to the image being encoded, found by binary search between
 * {@link #LOWEST} and the source's own quality. SSIM follows what the eye notices (structure, contrast, brightness)
 * rather than raw error, so smooth photos go lower and detailed ones stay higher than one fixed number would put them.
 *
 * <pre>{@code
 * QualitySearch.Choice choice = QualitySearch.lowestAbove(image, 95); // e.g. quality 76, ssim 0.9812
 * }</pre>
 */
final class QualitySearch {

    /** The similarity kept: differences at this level are hard to see at 100% on a photo. */
    static final double TARGET = 0.98;
    /** Below this, block artefacts show whatever SSIM says. */
    static final int LOWEST = 40;
    private static final int WINDOW = 8;
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);

    /** The chosen quality, its encoding and its similarity. */
    record Choice(int quality, byte[] jpeg, double ssim) {
    }

    private QualitySearch() {
    }

    /** The lowest quality in {@code LOWEST..highest} meeting the target; {@code highest} when none lower does. */
    static Choice lowestAbove(BufferedImage image, int highest) throws IOException {
        int[] reference = luma(image);
        int lo = LOWEST;
        int hi = Math.max(LOWEST, highest);
        Choice best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            byte[] jpeg = PixelCodec.encodeJpeg(image, mid);
            double ssim = ssim(reference, luma(PixelCodec.decode(jpeg, "jpeg")), image.getWidth(), image.getHeight());
            if (ssim >= TARGET) {
                best = new Choice(mid, jpeg, ssim);
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        if (best == null) {
            int quality = Math.max(LOWEST, highest);
            byte[] jpeg = PixelCodec.encodeJpeg(image, quality);
            best = new Choice(quality, jpeg, ssim(reference, luma(PixelCodec.decode(jpeg, "jpeg")), image.getWidth(),
                    image.getHeight()));
        }
        return best;
    }

    /** BT.601 luma, 0..255, row by row; grey images give their single channel, unconverted. */
    static int[] luma(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[w * h];
        Raster raster = image.getRaster();
        if (raster.getNumBands() <= 2) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                System.arraycopy(row, 0, out, y * w, w);
            }
            return out;
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                out[y * w + x] = (299 * ((p >> 16) & 0xFF) + 587 * ((p >> 8) & 0xFF) + 114 * (p & 0xFF) + 500) / 1000;
            }
        }
        return out;
    }

    /** Mean SSIM over non-overlapping 8×8 windows (Wang et al. 2004 constants); 1 for images smaller than a window. */
    static double ssim(int[] a, int[] b, int width, int height) {
        double total = 0;
        int windows = 0;
        for (int y = 0; y + WINDOW <= height; y += WINDOW) {
            for (int x = 0; x + WINDOW <= width; x += WINDOW) {
                long sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (int j = 0; j < WINDOW; j++) {
                    int row = (y + j) * width + x;
                    for (int i = 0; i < WINDOW; i++) {
                        int pa = a[row + i];
                        int pb = b[row + i];
                        sa += pa;
                        sb += pb;
                        saa += pa * pa;
                        sbb += pb * pb;
                        sab += pa * pb;
                    }
                }
                double n = WINDOW * WINDOW;
                double ma = sa / n;
                double mb = sb / n;
                double va = saa / n - ma * ma;
                double vb = sbb / n - mb * mb;
                double cov = sab / n - ma * mb;
                total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
                windows++;
            }
        }
        return windows == 0 ? 1 : total / windows;
    }
}
