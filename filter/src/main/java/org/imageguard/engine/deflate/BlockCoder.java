package org.imageguard.engine.deflate;

/**
 * Sizes and writes one deflate block over a range of symbols, in whichever of the three block types is smallest:
 * stored (the bytes as they are), fixed Huffman codes, or dynamic codes made for the block's own symbol counts.
 */
final class BlockCoder {

    private static final int MAX_STORED = 65535;
    private static final double LN2 = Math.log(2);
    private static final int[] FIXED_LITLEN = new int[DeflateSymbols.LITLEN_SYMBOLS];
    private static final int[] FIXED_DIST = new int[DeflateSymbols.DIST_SYMBOLS];

    static {
        for (int s = 0; s < FIXED_LITLEN.length; s++) {
            FIXED_LITLEN[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
        }
        java.util.Arrays.fill(FIXED_DIST, 5);
    }

    private final Lz77Stream stream;
    private final byte[] data;

    BlockCoder(Lz77Stream stream, byte[] data) {
        this.stream = stream;
        this.data = data;
    }

    private int bytesOf(int from, int to) {
        if (from == to) {
            return 0;
        }
        int last = to - 1;
        int lastLength = stream.dist[last] == 0 ? 1 : stream.litLen[last];
        return stream.offset[last] + lastLength - stream.offset[from];
    }

    /** The size in bits of the smallest block for {@code [from, to)}, its 3-bit block header included. */
    long bits(int from, int to) {
        int[] lit = new int[DeflateSymbols.LITLEN_SYMBOLS];
        int[] dist = new int[DeflateSymbols.DIST_SYMBOLS];
        stream.count(from, to, lit, dist);
        lit[DeflateSymbols.END_OF_BLOCK] = 1;
        long extra = stream.extraBits(from, to);
        long dynamic = dynamicBits(lit, dist, extra);
        long fixed = codedBits(lit, dist, FIXED_LITLEN, FIXED_DIST) + extra;
        return 3 + Math.min(storedBits(bytesOf(from, to)), Math.min(dynamic, fixed));
    }

    /**
     * A quick estimate of {@link #bits}: the counts' entropy plus about 5 header bits per used symbol. Good enough
     * to rank cut points; whether to cut at all is decided by {@link #bits}.
     */
    double estimate(int from, int to) {
        int[] lit = new int[DeflateSymbols.LITLEN_SYMBOLS];
        int[] dist = new int[DeflateSymbols.DIST_SYMBOLS];
        stream.count(from, to, lit, dist);
        lit[DeflateSymbols.END_OF_BLOCK] = 1;
        return 70 + entropy(lit) + entropy(dist) + stream.extraBits(from, to);
    }

    private static double entropy(int[] counts) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        double bits = 0;
        for (int c : counts) {
            if (c > 0) {
                bits += c * (Math.log((double) total / c) / LN2) + 5;
            }
        }
        return bits;
    }

    /** The dynamic block's size for these counts (end of block included), header and extra bits included. */
    static long dynamicBits(int[] lit, int[] dist, long extraBits) {
        DynamicHeader header = DynamicHeader.of(lit, dist);
        return header.headerBits + codedBits(lit, dist, header.litLenLengths, header.distLengths) + extraBits;
    }

    private static long codedBits(int[] lit, int[] dist, int[] litLengths, int[] distLengths) {
        long bits = 0;
        for (int s = 0; s < lit.length; s++) {
            bits += (long) lit[s] * litLengths[s];
        }
        for (int s = 0; s < dist.length; s++) {
            bits += (long) dist[s] * distLengths[s];
        }
        return bits;
    }

    /** Stored blocks: padding to a byte (at most 7 bits), LEN and NLEN, the bytes; a new block per 65,535 bytes. */
    private static long storedBits(int bytes) {
        long blocks = Math.max(1, (bytes + MAX_STORED - 1) / MAX_STORED);
        return blocks * (7 + 32) + (blocks - 1) * 3 + 8L * bytes;
    }

    void write(BitWriter out, int from, int to, boolean last) {
        int[] lit = new int[DeflateSymbols.LITLEN_SYMBOLS];
        int[] dist = new int[DeflateSymbols.DIST_SYMBOLS];
        stream.count(from, to, lit, dist);
        lit[DeflateSymbols.END_OF_BLOCK] = 1;
        long extra = stream.extraBits(from, to);
        DynamicHeader header = DynamicHeader.of(lit, dist);
        long dynamic = header.headerBits + codedBits(lit, dist, header.litLenLengths, header.distLengths) + extra;
        long fixed = codedBits(lit, dist, FIXED_LITLEN, FIXED_DIST) + extra;
        int bytes = bytesOf(from, to);
        if (storedBits(bytes) < Math.min(dynamic, fixed)) {
            writeStored(out, from == to ? 0 : stream.offset[from], bytes, last);
        } else if (fixed <= dynamic) {
            out.write(last ? 1 : 0, 1);
            out.write(1, 2);
            writeSymbols(out, from, to, FIXED_LITLEN, FIXED_DIST);
        } else {
            out.write(last ? 1 : 0, 1);
            out.write(2, 2);
            header.write(out);
            writeSymbols(out, from, to, header.litLenLengths, header.distLengths);
        }
    }

    private void writeStored(BitWriter out, int at, int bytes, boolean last) {
        do {
            int length = Math.min(bytes, MAX_STORED);
            bytes -= length;
            out.write(last && bytes == 0 ? 1 : 0, 1);
            out.write(0, 2);
            out.alignToByte();
            out.write(length, 16);
            out.write(~length & 0xFFFF, 16);
            out.writeBytes(data, at, length);
            at += length;
        } while (bytes > 0);
    }

    private void writeSymbols(BitWriter out, int from, int to, int[] litLengths, int[] distLengths) {
        int[] litCodes = HuffmanCode.codes(litLengths);
        int[] distCodes = HuffmanCode.codes(distLengths);
        for (int i = from; i < to; i++) {
            int value = stream.litLen[i];
            int distance = stream.dist[i];
            if (distance == 0) {
                out.write(litCodes[value], litLengths[value]);
                continue;
            }
            int symbol = DeflateSymbols.lengthSymbol(value);
            out.write(litCodes[symbol], litLengths[symbol]);
            int lengthExtra = DeflateSymbols.lengthExtraBits(value);
            if (lengthExtra > 0) {
                out.write(DeflateSymbols.lengthExtraValue(value), lengthExtra);
            }
            int distSymbol = DeflateSymbols.distSymbol(distance);
            out.write(distCodes[distSymbol], distLengths[distSymbol]);
            int distExtra = DeflateSymbols.distExtraBits(distSymbol);
            if (distExtra > 0) {
                out.write(DeflateSymbols.distExtraValue(distance), distExtra);
            }
        }
        out.write(litCodes[DeflateSymbols.END_OF_BLOCK], litLengths[DeflateSymbols.END_OF_BLOCK]);
    }
}
