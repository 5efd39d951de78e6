package org.imageguard.engine.deflate;

import java.util.Arrays;

/**
 * Length-limited Huffman codes: optimal code lengths under a maximum length by package-merge (Larmore and Hirschberg),
 * and the canonical codes deflate derives from the lengths alone (RFC 1951 section 3.2.2).
 */
final class HuffmanCode {

    private HuffmanCode() {
    }

    /**
     * @return for every symbol its code length, 0 when its frequency is 0; a lone used symbol gets length 1
     */
    static int[] lengths(int[] frequencies, int maxLength) {
        int n = frequencies.length;
        int[] lengths = new int[n];
        int used = 0;
        for (int f : frequencies) {
            used += f > 0 ? 1 : 0;
        }
        if (used == 0) {
            return lengths;
        }
        int[] leaves = new int[used];
        for (int i = 0, k = 0; i < n; i++) {
            if (frequencies[i] > 0) {
                leaves[k++] = i;
            }
        }
        if (used == 1) {
            lengths[leaves[0]] = 1;
            return lengths;
        }
        if (used > 1 << maxLength) {
            throw new IllegalArgumentException(used + " symbols do not fit codes of at most " + maxLength + " bits");
        }
        long[] byFrequency = new long[used];
        for (int i = 0; i < used; i++) {
            byFrequency[i] = (long) frequencies[leaves[i]] << 32 | leaves[i];
        }
        Arrays.sort(byFrequency);
        for (int i = 0; i < used; i++) {
            leaves[i] = (int) byFrequency[i];
        }
        packageMerge(frequencies, leaves, maxLength, lengths);
        return lengths;
    }

    /**
     * Level 0 holds the leaves; each further level merges the leaves with the pairs ("packages") of the level below.
     * The first 2n − 2 items of the last level are the cheapest set of coins; a symbol's code length is the number
     * of times its leaf occurs inside them.
     */
    private static void packageMerge(int[] frequencies, int[] leaves, int maxLength, int[] lengths) {
        int n = leaves.length;
        long[][] weight = new long[maxLength][];
        // item >= 0: a leaf (index into leaves); item < 0: the package of items 2j and 2j + 1 below, j = -item - 1
        int[][] item = new int[maxLength][];
        weight[0] = new long[n];
        item[0] = new int[n];
        for (int i = 0; i < n; i++) {
            weight[0][i] = frequencies[leaves[i]];
            item[0][i] = i;
        }
        for (int level = 1; level < maxLength; level++) {
            long[] below = weight[level - 1];
            int packages = below.length / 2;
            weight[level] = new long[n + packages];
            item[level] = new int[n + packages];
            int leaf = 0;
            int pack = 0;
            for (int k = 0; k < n + packages; k++) {
                long packWeight = pack < packages ? below[2 * pack] + below[2 * pack + 1] : Long.MAX_VALUE;
                if (leaf < n && frequencies[leaves[leaf]] <= packWeight) {
                    weight[level][k] = frequencies[leaves[leaf]];
                    item[level][k] = leaf++;
                } else {
                    weight[level][k] = packWeight;
                    item[level][k] = -(pack++) - 1;
                }
            }
        }
        int[] count = new int[n];
        int top = maxLength - 1;
        for (int k = 0; k < 2 * n - 2; k++) {
            countLeaves(item, top, k, count);
        }
        for (int i = 0; i < n; i++) {
            lengths[leaves[i]] = count[i];
        }
    }

    private static void countLeaves(int[][] item, int level, int k, int[] count) {
        int it = item[level][k];
        if (it >= 0) {
            count[it]++;
            return;
        }
        int j = -it - 1;
        countLeaves(item, level - 1, 2 * j, count);
        countLeaves(item, level - 1, 2 * j + 1, count);
    }

    /** Canonical codes for {@code lengths}, bit-reversed for {@link BitWriter}'s least-significant-first order. */
    static int[] codes(int[] lengths) {
        int max = 0;
        for (int l : lengths) {
            max = Math.max(max, l);
        }
        int[] perLength = new int[max + 1];
        for (int l : lengths) {
            if (l > 0) {
                perLength[l]++;
            }
        }
        int[] next = new int[max + 2];
        int code = 0;
        for (int bits = 1; bits <= max; bits++) {
            code = (code + perLength[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            int l = lengths[s];
            if (l > 0) {
                codes[s] = Integer.reverse(next[l]++) >>> (32 - l);
            }
        }
        return codes;
    }
}
