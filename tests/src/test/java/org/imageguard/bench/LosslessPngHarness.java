package org.imageguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.config.OptimizeSettings;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;

/**
 * The engine's two stages on a list of PNG files, for tests/bench/lossless-png.sh: protect (default policy), then
 * recompress losslessly at the given effort. Writes each result to OUT_DIR under its index and prints one
 * tab-separated line per file: index, original bytes, protected bytes, final bytes, milliseconds of both stages,
 * the optimizer's note. The first file is processed once untimed first, so JIT warm-up is not charged to one image;
 * the script's total wall time still includes JVM start-up.
 *
 * <pre>
 * java -cp ... org.imageguard.bench.LosslessPngHarness default OUT_DIR FILE...
 * </pre>
 */
public final class LosslessPngHarness {

    private LosslessPngHarness() {
    }

    public static void main(String[] args) throws IOException {
        OptimizeEffort effort = OptimizeEffort.valueOf(args[0].toUpperCase(Locale.ROOT));
        Path out = Path.of(args[1]);
        OptimizeSettings o = OptimizeSettings.DEFAULTS;
        Policy d = Policy.DEFAULTS;
        Policy policy = new Policy(d.protection(), new OptimizeSettings(o.mode(), effort, o.jpegQuality(),
                o.minSavingPercent(), o.maxWidth(), o.maxHeight(), o.webp()), d.watermark(), d.hotlink(),
                d.aiCrawlers(), d.limits());
        ImageGuardEngine engine = new ImageGuardEngine();
        if (args.length > 2) {
            engine.optimize(engine.rewrite(Files.readAllBytes(Path.of(args[2])), policy).bytes(), policy);
        }
        for (int i = 2; i < args.length; i++) {
            byte[] original = Files.readAllBytes(Path.of(args[i]));
            long start = System.nanoTime();
            RewriteResult protectedImage = engine.rewrite(original, policy);
            RewriteResult optimized = engine.optimize(protectedImage.bytes(), policy);
            long nanos = System.nanoTime() - start;
            Files.write(out.resolve((i - 2) + ".png"), optimized.bytes());
            System.out.printf(Locale.ROOT, "%d\t%d\t%d\t%d\t%.1f\t%s%n", i - 2, original.length,
                    protectedImage.bytes().length, optimized.bytes().length, nanos / 1e6,
                    String.join("; ", optimized.report().added()));
        }
    }
}
