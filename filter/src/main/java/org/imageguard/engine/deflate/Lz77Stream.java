package org.imageguard.engine.deflate;

/**
 * One segment parsed into deflate symbols: literals (distance 0) and matches (length 3..258, distance 1..32768),
 * each with the offset of the bytes it stands for. At most one symbol per input byte, so the capacity is the
 * segment's length.
 */
final class Lz77Stream {

    final int[] litLen;
    final int[] dist;
    final int[] offset;
    int size;

    Lz77Stream(int capacity) {
        litLen = new int[capacity];
        dist = new int[capacity];
        offset = new int[capacity];
    }

    void clear() {
        size = 0;
    }

    void literal(int value, int at) {
        litLen[size] = value;
        dist[size] = 0;
        offset[size++] = at;
    }

    void match(int length, int distance, int at) {
        litLen[size] = length;
        dist[size] = distance;
        offset[size++] = at;
    }

    /** Adds the symbol counts of {@code [from, to)} to the histograms (end of block not included). */
    void count(int from, int to, int[] litLenCounts, int[] distCounts) {
        for (int i = from; i < to; i++) {
            if (dist[i] == 0) {
                litLenCounts[litLen[i]]++;
            } else {
                litLenCounts[DeflateSymbols.lengthSymbol(litLen[i])]++;
                distCounts[DeflateSymbols.distSymbol(dist[i])]++;
            }
        }
    }

    /** Extra bits of the lengths and distances in {@code [from, to)}: the same whatever the Huffman codes. */
    long extraBits(int from, int to) {
        long bits = 0;
        for (int i = from; i < to; i++) {
            if (dist[i] != 0) {
                bits += DeflateSymbols.lengthExtraBits(litLen[i])
                        + DeflateSymbols.distExtraBits(DeflateSymbols.distSymbol(dist[i]));
            }
        }
        return bits;
    }

    void copyFrom(Lz77Stream other) {
        System.arraycopy(other.litLen, 0, litLen, 0, other.size);
        System.arraycopy(other.dist, 0, dist, 0, other.size);
        System.arraycopy(other.offset, 0, offset, 0, other.size);
        size = other.size;
    }
}
