package org.imageguard.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.imageguard.config.ConfigLoader;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;

/**
 * The pixel-transform benchmark's two halves, driven by {@code tests/bench/pixels.sh}.
 *
 * <pre>
 * java PixelBench encode OUT_DIR photo.jpg...   # ImageGuard lossy JPEG and WebP at quality 82, ms per megapixel
 * java PixelBench compare ORIGINAL.png OTHER.png # PSNR (RGB) and SSIM (luma, 8×8 windows) of two same-size images
 * </pre>
 *
 * The metrics are computed here, not by the engine, so the engine is not judged by its own code.
 */
public final class PixelBench {

    private static final Policy LOSSY = ConfigLoader.load(
            "optimize: {mode: lossy, jpeg-quality: 82, min-saving: 0%, webp: true}\n", "bench.yaml").policy();

    private PixelBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("encode")) {
            encode(Path.of(args[1]), args);
        } else if (args.length == 3 && args[0].equals("compare")) {
            BufferedImage a = ImageIO.read(Path.of(args[1]).toFile());
            BufferedImage b = ImageIO.read(Path.of(args[2]).toFile());
            System.out.printf(Locale.ROOT, "%.2f %.4f%n", psnr(a, b), ssim(a, b));
        } else {
            System.err.println("usage: PixelBench encode OUT_DIR FILE... | PixelBench compare A.png B.png");
            System.exit(2);
        }
    }

    private static void encode(Path out, String[] args) throws IOException {
        ImageGuardEngine engine = new ImageGuardEngine();
        byte[] first = Files.readAllBytes(Path.of(args[2]));
        for (int i = 0; i < 3; i++) { // warm-up: JIT and the native library, not measured
            engine.rewrite(first, LOSSY);
            engine.rewriteAsWebp(first, LOSSY);
        }
        for (int i = 2; i < args.length; i++) {
            Path file = Path.of(args[i]);
            byte[] input = Files.readAllBytes(file);
            String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            long t0 = System.nanoTime();
            var jpeg = engine.rewrite(input, LOSSY);
            long t1 = System.nanoTime();
            var webp = engine.rewriteAsWebp(input, LOSSY);
            long t2 = System.nanoTime();
            Files.write(out.resolve(name + ".ig.jpg"), jpeg.bytes());
            Files.write(out.resolve(name + ".ig.webp"), webp.bytes());
            double megapixels = jpeg.report().width() * (double) jpeg.report().height() / 1e6;
            System.out.printf(Locale.ROOT, "%s %.1f %.0f %.0f%n", name, megapixels,
                    (t1 - t0) / 1e6 / megapixels, (t2 - t1) / 1e6 / megapixels);
        }
    }

    static double psnr(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * a.getWidth() * a.getHeight());
        return mse == 0 ? 99 : 10 * Math.log10(255 * 255 / mse);
    }

    /** Mean SSIM over non-overlapping 8×8 windows of BT.601 luma (Wang et al. 2004 constants). */
    static double ssim(BufferedImage a, BufferedImage b) {
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        int windows = 0;
        for (int y = 0; y + 8 <= a.getHeight(); y += 8) {
            for (int x = 0; x + 8 <= a.getWidth(); x += 8) {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (int j = 0; j < 8; j++) {
                    for (int i = 0; i < 8; i++) {
                        double la = luma(a.getRGB(x + i, y + j));
                        double lb = luma(b.getRGB(x + i, y + j));
                        sa += la;
                        sb += lb;
                        saa += la * la;
                        sbb += lb * lb;
                        sab += la * lb;
                    }
                }
                double ma = sa / 64, mb = sb / 64;
                double va = saa / 64 - ma * ma, vb = sbb / 64 - mb * mb, cov = sab / 64 - ma * mb;
                total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                windows++;
            }
        }
        return total / windows;
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}
