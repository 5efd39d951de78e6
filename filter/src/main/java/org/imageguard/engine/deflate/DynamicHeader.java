package org.imageguard.engine.deflate;

/**
 * A dynamic Huffman block's codes and the header that transmits them (RFC 1951 section 3.2.7): the literal/length
 * and distance code lengths, run-length coded with symbols 16 (repeat the previous length 3..6 times), 17 (3..10
 * zeros) and 18 (11..138 zeros), themselves Huffman coded with lengths of at most 7 bits. Of the eight ways of
 * allowing or not each run symbol, the one with the shortest header is kept.
 */
final class DynamicHeader {

    private static final int[] ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    final int[] litLenLengths;
    final int[] distLengths;
    private final int hlit;
    private final int hdist;
    private final int[] runs;
    private final int runCount;
    private final int[] clLengths;
    private final int hclen;
    final long headerBits;

    private DynamicHeader(int[] litLenLengths, int[] distLengths, int hlit, int hdist, int[] runs, int runCount,
                          int[] clLengths, int hclen, long headerBits) {
        this.litLenLengths = litLenLengths;
        this.distLengths = distLengths;
        this.hlit = hlit;
        this.hdist = hdist;
        this.runs = runs;
        this.runCount = runCount;
        this.clLengths = clLengths;
        this.hclen = hclen;
        this.headerBits = headerBits;
    }

    /** @param litLenCounts symbol counts, end of block included */
    static DynamicHeader of(int[] litLenCounts, int[] distCounts) {
        int[] lit = HuffmanCode.lengths(litLenCounts, 15);
        int[] dist = HuffmanCode.lengths(distCounts, 15);
        // Old inflaters reject a distance code with fewer than two codes: give them two of length 1.
        int usedDist = 0;
        for (int l : dist) {
            usedDist += l > 0 ? 1 : 0;
        }
        if (usedDist < 2) {
            if (dist[0] == 0) {
                dist[0] = 1;
            } else {
                dist[1] = 1;
            }
            if (usedDist == 0) {
                dist[1] = 1;
            }
        }
        int hlit = 257;
        for (int s = 0; s < 286; s++) {
            hlit = lit[s] > 0 ? Math.max(hlit, s + 1) : hlit;
        }
        int hdist = 1;
        for (int s = 0; s < dist.length; s++) {
            hdist = dist[s] > 0 ? Math.max(hdist, s + 1) : hdist;
        }
        int[] all = new int[hlit + hdist];
        System.arraycopy(lit, 0, all, 0, hlit);
        System.arraycopy(dist, 0, all, hlit, hdist);
        DynamicHeader best = null;
        for (int flags = 0; flags < 8; flags++) {
            DynamicHeader h = withRuns(lit, dist, hlit, hdist, all, (flags & 1) != 0, (flags & 2) != 0,
                    (flags & 4) != 0);
            if (best == null || h.headerBits < best.headerBits) {
                best = h;
            }
        }
        return best;
    }

    private static DynamicHeader withRuns(int[] lit, int[] dist, int hlit, int hdist, int[] all, boolean use16,
                                          boolean use17, boolean use18) {
        int[] runs = new int[all.length];
        int count = 0;
        for (int i = 0; i < all.length; ) {
            int value = all[i];
            int run = 1;
            while (i + run < all.length && all[i + run] == value) {
                run++;
            }
            i += run;
            if (value == 0) {
                while (use18 && run >= 11) {
                    int k = Math.min(run, 138);
                    runs[count++] = 18 | (k - 11) << 8;
                    run -= k;
                }
                while (use17 && run >= 3) {
                    int k = Math.min(run, 10);
                    runs[count++] = 17 | (k - 3) << 8;
                    run -= k;
                }
            }
            if (use16 && run >= 4) {
                runs[count++] = value;
                run--;
                while (run >= 3) {
                    int k = Math.min(run, 6);
                    runs[count++] = 16 | (k - 3) << 8;
                    run -= k;
                }
            }
            for (; run > 0; run--) {
                runs[count++] = value;
            }
        }
        int[] clCounts = new int[19];
        for (int r = 0; r < count; r++) {
            clCounts[runs[r] & 0xFF]++;
        }
        int[] cl = HuffmanCode.lengths(clCounts, 7);
        int hclen = 19;
        while (hclen > 4 && cl[ORDER[hclen - 1]] == 0) {
            hclen--;
        }
        long bits = 5 + 5 + 4 + 3L * hclen;
        for (int r = 0; r < count; r++) {
            int symbol = runs[r] & 0xFF;
            bits += cl[symbol] + runExtraBits(symbol);
        }
        return new DynamicHeader(lit, dist, hlit, hdist, runs, count, cl, hclen, bits);
    }

    private static int runExtraBits(int symbol) {
        return switch (symbol) {
            case 16 -> 2;
            case 17 -> 3;
            case 18 -> 7;
            default -> 0;
        };
    }

    void write(BitWriter out) {
        out.write(hlit - 257, 5);
        out.write(hdist - 1, 5);
        out.write(hclen - 4, 4);
        for (int i = 0; i < hclen; i++) {
            out.write(clLengths[ORDER[i]], 3);
        }
        int[] codes = HuffmanCode.codes(clLengths);
        for (int r = 0; r < runCount; r++) {
            int symbol = runs[r] & 0xFF;
            out.write(codes[symbol], clLengths[symbol]);
            int extra = runExtraBits(symbol);
            if (extra > 0) {
                out.write(runs[r] >>> 8, extra);
            }
        }
    }
}
