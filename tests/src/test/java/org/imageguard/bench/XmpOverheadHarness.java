package org.imageguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;

/**
 * What protection adds to small images, for tests/bench/xmp-overhead.sh: each file rewritten with the default policy
 * (first stage only), one tab-separated line per file: name, bytes before, bytes after, difference.
 *
 * <pre>
 * java -cp ... org.imageguard.bench.XmpOverheadHarness FILE...
 * </pre>
 */
public final class XmpOverheadHarness {

    private XmpOverheadHarness() {
    }

    public static void main(String[] args) throws IOException {
        ImageGuardEngine engine = new ImageGuardEngine();
        for (String arg : args) {
            Path file = Path.of(arg);
            byte[] in = Files.readAllBytes(file);
            RewriteResult out = engine.rewrite(in, Policy.DEFAULTS);
            System.out.printf("%s\t%d\t%d\t%+d%n", file.getFileName(), in.length, out.bytes().length,
                    out.bytes().length - in.length);
        }
    }
}
