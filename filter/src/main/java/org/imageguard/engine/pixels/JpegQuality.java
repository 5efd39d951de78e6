package org.imageguard.engine.pixels;

/**
 * Estimates the quality a JPEG was saved at from its luminance quantisation table: libjpeg (and the encoders that
 * copied it: cjpeg, ImageMagick, the JDK, most cameras' software) scale the example table of the JPEG standard by
 * {@code 5000 / q} below 50 and {@code 200 - 2q} above, so the quality whose scaled table is nearest to the stored one
 * is the answer. Tables from other encoders give the nearest libjpeg quality, which is what a re-encode compares with.
 *
 * <pre>{@code
 * int q = JpegQuality.estimate(JpegHeader.read(bytes)); // 0 when the file has no luminance table
 * }</pre>
 */
final class JpegQuality {

    /** The example luminance table of the JPEG standard (Annex K), in natural (row-major) order. */
    private static final int[] BASE_LUMINANCE = {
            16, 11, 10, 16, 24, 40, 51, 61,
            12, 12, 14, 19, 26, 58, 60, 55,
            14, 13, 16, 24, 40, 57, 69, 56,
            14, 17, 22, 29, 51, 87, 80, 62,
            18, 22, 37, 56, 68, 109, 103, 77,
            24, 35, 55, 64, 81, 104, 113, 92,
            49, 64, 78, 87, 103, 121, 120, 101,
            72, 92, 95, 98, 112, 100, 103, 99};

    /** Where the k-th coefficient of a DQT segment (stored in zig-zag order) sits in natural order. */
    private static final int[] ZIGZAG = {
            0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
            21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
            60, 61, 54, 47, 55, 62, 63};

    private JpegQuality() {
    }

    /** The libjpeg quality (1..100) nearest to the file's table 0, or 0 when it has none. */
    static int estimate(JpegHeader header) {
        int[] table = luminanceTable(header);
        if (table == null) {
            return 0;
        }
        int best = 0;
        long bestError = Long.MAX_VALUE;
        for (int quality = 1; quality <= 100; quality++) {
            long error = 0;
            int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
            for (int i = 0; i < 64; i++) {
                int expected = Math.max(1, Math.min(255, (BASE_LUMINANCE[i] * scale + 50) / 100));
                error += Math.abs(expected - table[i]);
            }
            if (error < bestError) {
                bestError = error;
                best = quality;
            }
        }
        return best;
    }

    /** Table 0 in natural order, or null. A DQT segment holds one or more tables: Pq/Tq byte, then 64 entries. */
    private static int[] luminanceTable(JpegHeader header) {
        byte[] data = header.bytes();
        for (JpegHeader.Segment s : header.segments()) {
            if (s.marker() != JpegHeader.DQT) {
                continue;
            }
            int pos = s.payloadOffset();
            while (pos < s.end()) {
                int precision = (data[pos] & 0xFF) >> 4;
                int id = data[pos] & 0x0F;
                int entryBytes = precision == 0 ? 1 : 2;
                if (pos + 1 + 64 * entryBytes > s.end()) {
                    return null;
                }
                if (id == 0) {
                    int[] table = new int[64];
                    for (int k = 0; k < 64; k++) {
                        int at = pos + 1 + k * entryBytes;
                        table[ZIGZAG[k]] = entryBytes == 1 ? data[at] & 0xFF
                                : ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
                    }
                    return table;
                }
                pos += 1 + 64 * entryBytes;
            }
        }
        return null;
    }
}
