package org.imageguard.engine.png;

import java.util.Arrays;
import java.util.zip.Deflater;

/** zlib compression of filtered rows, abandoned as soon as it cannot beat the best trial so far. */
final class PngDeflate {

    private PngDeflate() {
    }

    /**
     * @param limit the size to beat; a result of {@code limit} bytes or more is not wanted
     * @return the zlib stream, or null when it reached {@code limit} bytes
     */
    static byte[] compress(byte[] data, int level, int strategy, int limit) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setStrategy(strategy);
            deflater.setInput(data);
            deflater.finish();
            byte[] out = new byte[Math.max(64, Math.min(limit, data.length / 2 + 1024))];
            int filled = 0;
            while (!deflater.finished()) {
                if (filled == out.length) {
                    if (out.length >= limit) {
                        return null;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
                }
                filled += deflater.deflate(out, filled, out.length - filled);
            }
            return filled >= limit ? null : Arrays.copyOf(out, filled);
        } finally {
            deflater.end();
        }
    }
}
