package org.imageguard.engine.deflate;

import java.util.List;
import java.util.zip.Adler32;

/**
 * A zlib stream (RFC 1950: header, deflate data, Adler-32) made smaller than zlib's level 9 by optimal parsing, in
 * pure Java: hash chains find every useful match, a shortest-path search picks the parse that costs the fewest bits
 * under the symbol statistics of the previous parse, repeated {@code iterations} times; blocks are then split where
 * new Huffman codes pay for their header. The input is handled in segments of {@link #SEGMENT} bytes (each with the
 * 32 KiB before it as dictionary), so the working memory stays bounded whatever the input's size.
 *
 * <pre>{@code
 * byte[] zlib = ZlibCompressor.compress(rows, ZlibCompressor.Settings.DEFAULT, Integer.MAX_VALUE);
 * }</pre>
 */
public final class ZlibCompressor {

    /** Bytes parsed at once: at most about 75 bytes of working memory per byte (matches, costs, two parses), 20 MB. */
    static final int SEGMENT = 1 << 18;

    /**
     * @param iterations optimal-parsing passes per segment, each with the statistics of the one before
     * @param chainLimit hash-chain candidates looked at per position
     * @param maxBlocks blocks per segment
     */
    public record Settings(int iterations, int chainLimit, int maxBlocks) {
        public static final Settings DEFAULT = new Settings(1, 64, 8);
        public static final Settings MAX = new Settings(8, 1024, 15);

        public Settings {
            if (iterations < 1 || chainLimit < 1 || maxBlocks < 1) {
                throw new IllegalArgumentException("expected positive settings, found " + iterations + ", "
                        + chainLimit + ", " + maxBlocks);
            }
        }
    }

    private ZlibCompressor() {
    }

    /**
     * @param limit the size to beat
     * @return the zlib stream, or null when it would take {@code limit} bytes or more
     */
    public static byte[] compress(byte[] data, Settings settings, int limit) {
        BitWriter out = new BitWriter(data.length / 4 + 64, limit);
        try {
            out.write(0x78, 8);
            out.write(0xDA, 8);
            MatchFinder finder = new MatchFinder(data, settings.chainLimit());
            int capacity = Math.min(SEGMENT, data.length);
            Lz77Stream current = new Lz77Stream(capacity);
            Lz77Stream best = new Lz77Stream(capacity);
            OptimalParser parser = new OptimalParser(capacity);
            int start = 0;
            do {
                int end = Math.min(data.length, start + SEGMENT);
                Matches matches = finder.find(start, end);
                parseSegment(data, start, end, matches, settings, parser, current, best);
                writeSegment(out, data, best, settings, end == data.length);
                start = end;
            } while (start < data.length);
            Adler32 adler = new Adler32();
            adler.update(data);
            long sum = adler.getValue();
            out.alignToByte();
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (sum >>> shift) & 0xFF, 8);
            }
            byte[] result = out.toByteArray();
            return result.length >= limit ? null : result;
        } catch (BitWriter.TooLarge e) {
            return null;
        }
    }

    private static void parseSegment(byte[] data, int start, int end, Matches matches, Settings settings,
                                     OptimalParser parser, Lz77Stream current, Lz77Stream best) {
        OptimalParser.greedy(data, start, end, matches, best);
        long bestBits = singleBlockBits(best);
        Lz77Stream statistics = best;
        for (int i = 0; i < settings.iterations(); i++) {
            int[] lit = new int[DeflateSymbols.LITLEN_SYMBOLS];
            int[] dist = new int[DeflateSymbols.DIST_SYMBOLS];
            statistics.count(0, statistics.size, lit, dist);
            lit[DeflateSymbols.END_OF_BLOCK] = 1;
            parser.parse(data, start, end, matches, SymbolCosts.fromCounts(lit, dist), current);
            long bits = singleBlockBits(current);
            if (bits < bestBits) {
                bestBits = bits;
                best.copyFrom(current);
            }
            statistics = current;
        }
    }

    private static long singleBlockBits(Lz77Stream stream) {
        int[] lit = new int[DeflateSymbols.LITLEN_SYMBOLS];
        int[] dist = new int[DeflateSymbols.DIST_SYMBOLS];
        stream.count(0, stream.size, lit, dist);
        lit[DeflateSymbols.END_OF_BLOCK] = 1;
        return BlockCoder.dynamicBits(lit, dist, stream.extraBits(0, stream.size));
    }

    private static void writeSegment(BitWriter out, byte[] data, Lz77Stream stream, Settings settings,
                                     boolean lastSegment) {
        BlockCoder coder = new BlockCoder(stream, data);
        List<Integer> ends = new BlockSplitter(coder, settings.maxBlocks()).split(stream.size);
        int from = 0;
        for (int i = 0; i < ends.size(); i++) {
            int to = ends.get(i);
            coder.write(out, from, to, lastSegment && i == ends.size() - 1);
            from = to;
        }
    }
}
