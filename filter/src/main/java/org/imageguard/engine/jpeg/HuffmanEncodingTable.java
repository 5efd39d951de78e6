package org.imageguard.engine.jpeg;

import java.util.Arrays;

/**
 * An optimal Huffman code for measured symbol frequencies, limited to 16-bit codes, built as T.81 Annex K.2
 * describes (the procedure libjpeg's {@code -optimize} follows, so sizes match jpegtran's): repeatedly merge the two
 * least frequent trees, then shorten codes longer than 16 bits by moving pairs up. One extra pseudo-symbol with
 * frequency 1 keeps every real code from being all ones.
 *
 * <pre>{@code
 * HuffmanEncodingTable table = HuffmanEncodingTable.optimal(frequencies); // int[256]
 * writer.put(table.code[symbol], table.size[symbol]);
 * }</pre>
 */
final class HuffmanEncodingTable {

    private static final int MAX_CODE_LENGTH = 16;
    /** Code lengths the merging can reach before limiting: 257 symbols make at most 256 merges. */
    private static final int MAX_TREE_DEPTH = 256;

    /** Number of codes of each length 1..16 (index 0 unused). */
    final int[] counts = new int[MAX_CODE_LENGTH + 1];
    /** Symbols by increasing code length. */
    final int[] values;
    final int[] code = new int[256];
    final int[] size = new int[256];

    private HuffmanEncodingTable(int[] values) {
        this.values = values;
    }

    static HuffmanEncodingTable optimal(int[] frequencies) {
        long[] freq = new long[257];
        for (int i = 0; i < 256; i++) {
            freq[i] = frequencies[i];
        }
        if (Arrays.stream(frequencies).allMatch(f -> f == 0)) {
            freq[0] = 1; // an unused table still needs one code to be a valid DHT entry
        }
        freq[256] = 1; // reserved so that no real code is all ones
        int[] codeSize = new int[257];
        int[] others = new int[257];
        Arrays.fill(others, -1);
        while (true) {
            int c1 = -1;
            long v = Long.MAX_VALUE;
            for (int i = 0; i <= 256; i++) {
                if (freq[i] != 0 && freq[i] <= v) {
                    v = freq[i];
                    c1 = i;
                }
            }
            int c2 = -1;
            v = Long.MAX_VALUE;
            for (int i = 0; i <= 256; i++) {
                if (freq[i] != 0 && freq[i] <= v && i != c1) {
                    v = freq[i];
                    c2 = i;
                }
            }
            if (c2 < 0) {
                break;
            }
            freq[c1] += freq[c2];
            freq[c2] = 0;
            codeSize[c1]++;
            while (others[c1] >= 0) {
                c1 = others[c1];
                codeSize[c1]++;
            }
            others[c1] = c2;
            codeSize[c2]++;
            while (others[c2] >= 0) {
                c2 = others[c2];
                codeSize[c2]++;
            }
        }
        int[] bits = new int[MAX_TREE_DEPTH + 2];
        int symbols = 0;
        for (int i = 0; i <= 256; i++) {
            if (codeSize[i] > 0) {
                bits[codeSize[i]]++;
                if (i < 256) {
                    symbols++;
                }
            }
        }
        // Limit to 16 bits (K.2 Figure K.3): a pair at length i moves up, one code at j < i - 1 splits.
        for (int i = MAX_TREE_DEPTH + 1; i > MAX_CODE_LENGTH; i--) {
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) {
                    j--;
                }
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        int longest = MAX_CODE_LENGTH;
        while (bits[longest] == 0) {
            longest--;
        }
        bits[longest]--; // drop the reserved code, always one of the longest
        int[] values = new int[symbols];
        int p = 0;
        for (int len = 1; len <= MAX_TREE_DEPTH; len++) {
            for (int s = 0; s < 256; s++) {
                if (codeSize[s] == len) {
                    values[p++] = s;
                }
            }
        }
        HuffmanEncodingTable table = new HuffmanEncodingTable(values);
        System.arraycopy(bits, 1, table.counts, 1, MAX_CODE_LENGTH);
        table.assignCodes();
        return table;
    }

    /** Canonical codes from the counts (T.81 C.2). */
    private void assignCodes() {
        int c = 0;
        int p = 0;
        for (int len = 1; len <= MAX_CODE_LENGTH; len++) {
            for (int i = 0; i < counts[len]; i++) {
                int symbol = values[p++];
                code[symbol] = c++;
                size[symbol] = len;
            }
            c <<= 1;
        }
    }

    /** Bytes this table takes in a DHT segment. */
    int dhtLength() {
        return 17 + values.length;
    }

    /** Writes {@code Tc<<4|Th, counts[16], values} at {@code at}; returns the position after it. */
    int writeDht(byte[] out, int at, int classAndSlot) {
        out[at++] = (byte) classAndSlot;
        for (int len = 1; len <= MAX_CODE_LENGTH; len++) {
            out[at++] = (byte) counts[len];
        }
        for (int v : values) {
            out[at++] = (byte) v;
        }
        return at;
    }
}
