package org.imageguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.LosslessOptimizer;
import org.imageguard.engine.jpeg.JpegOptimizer;

/**
 * Runs the JPEG optimiser over a list of files from a warm JVM, one file at a time on one thread, and writes each
 * output next to a TSV line (input, bytes in, bytes out, milliseconds, note) on stdout. The warm-up rounds run the
 * whole set first so the timed pass measures compiled code, as a long-running server would.
 *
 * <pre>{@code
 * java -cp ... org.imageguard.bench.LosslessJpegHarness default 2 /tmp/out files.txt
 * }</pre>
 */
public final class LosslessJpegHarness {

    private LosslessJpegHarness() {
    }

    public static void main(String[] args) throws IOException {
        OptimizeEffort effort = OptimizeEffort.valueOf(args[0].toUpperCase(Locale.ROOT));
        int warmups = Integer.parseInt(args[1]);
        Path outDir = Path.of(args[2]);
        List<String> files = Files.readAllLines(Path.of(args[3])).stream().filter(s -> !s.isBlank()).toList();
        Files.createDirectories(outDir);
        LosslessOptimizer optimizer = new JpegOptimizer();
        for (int round = 0; round < warmups; round++) {
            for (String file : files) {
                run(optimizer, Files.readAllBytes(Path.of(file)), effort);
            }
        }
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            byte[] in = Files.readAllBytes(Path.of(files.get(i)));
            long start = System.nanoTime();
            LosslessOptimizer.Result r = run(optimizer, in, effort);
            long nanos = System.nanoTime() - start;
            total += nanos;
            Files.write(outDir.resolve(i + ".jpg"), r.bytes());
            System.out.printf(Locale.ROOT, "%s\t%d\t%d\t%.1f\t%s%n", files.get(i), in.length, r.bytes().length,
                    nanos / 1e6, r.note());
        }
        System.err.printf(Locale.ROOT, "total optimise time %.3f s for %d files%n", total / 1e9, files.size());
    }

    private static LosslessOptimizer.Result run(LosslessOptimizer optimizer, byte[] in, OptimizeEffort effort) {
        try {
            return optimizer.optimize(in, effort, 200_000_000L);
        } catch (ImageFormatException e) {
            return LosslessOptimizer.Result.unchanged(in, "error: " + e.getMessage());
        }
    }
}
