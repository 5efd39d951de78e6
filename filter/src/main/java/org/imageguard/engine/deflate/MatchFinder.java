package org.imageguard.engine.deflate;

import java.util.Arrays;

/**
 * Hash chains over three-byte prefixes, walked nearest first: each time a candidate gives a longer match than the
 * ones before it, that (length, distance) pair is kept. Segments must be asked for in order; the 32 KiB before a
 * segment serve as its dictionary.
 */
final class MatchFinder {

    /** Pairs kept per position: the longest ones; shorter lengths can still use their distances. */
    static final int MAX_PAIRS = 8;
    /** A match this long makes a longer one unlikely to pay for a deep search: the rest of the chain is cut to 1/4. */
    private static final int GOOD_LENGTH = 32;
    private static final int HASH_BITS = 15;
    private static final int MASK = DeflateSymbols.WINDOW - 1;

    private final byte[] data;
    private final int chainLimit;
    private final int[] head = new int[1 << HASH_BITS];
    private final int[] prev = new int[DeflateSymbols.WINDOW];
    private final int[] found = new int[DeflateSymbols.MAX_MATCH];
    private int inserted;

    MatchFinder(byte[] data, int chainLimit) {
        this.data = data;
        this.chainLimit = chainLimit;
        Arrays.fill(head, -1);
    }

    Matches find(int start, int end) {
        for (int p = Math.max(inserted, start - DeflateSymbols.WINDOW); p < start; p++) {
            insert(p);
        }
        int n = end - start;
        int[] first = new int[n + 1];
        int[] pairs = new int[Math.max(16, n)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int pos = start + i;
            first[i] = count;
            int maxLength = Math.min(DeflateSymbols.MAX_MATCH, end - pos);
            if (maxLength >= DeflateSymbols.MIN_MATCH) {
                int k = walk(pos, maxLength);
                int keep = Math.min(k, MAX_PAIRS);
                if (count + keep > pairs.length) {
                    pairs = Arrays.copyOf(pairs, Math.max(count + keep, Math.min(2 * pairs.length,
                            MAX_PAIRS * n + 16)));
                }
                System.arraycopy(found, k - keep, pairs, count, keep);
                count += keep;
            }
            insert(pos);
        }
        first[n] = count;
        return new Matches(first, pairs);
    }

    /** @return how many increasingly long matches were put into {@link #found} */
    private int walk(int pos, int maxLength) {
        int k = 0;
        int best = DeflateSymbols.MIN_MATCH - 1;
        int candidate = head[hash(pos)];
        for (int depth = chainLimit; candidate >= 0 && depth > 0; depth--) {
            int distance = pos - candidate;
            if (distance > DeflateSymbols.WINDOW) {
                break;
            }
            if (data[candidate + best] == data[pos + best]) {
                int len = 0;
                while (len < maxLength && data[candidate + len] == data[pos + len]) {
                    len++;
                }
                if (len > best) {
                    found[k++] = Matches.pack(len, distance);
                    if (best < GOOD_LENGTH && len >= GOOD_LENGTH) {
                        depth = Math.min(depth, chainLimit / 4 + 1);
                    }
                    best = len;
                    if (len >= maxLength) {
                        break;
                    }
                }
            }
            int next = prev[candidate & MASK];
            if (next >= candidate) {
                break;
            }
            candidate = next;
        }
        return k;
    }

    private void insert(int pos) {
        if (pos + DeflateSymbols.MIN_MATCH <= data.length) {
            int h = hash(pos);
            prev[pos & MASK] = head[h];
            head[h] = pos;
        }
        inserted = pos + 1;
    }

    private int hash(int pos) {
        int v = (data[pos] & 0xFF) << 16 | (data[pos + 1] & 0xFF) << 8 | data[pos + 2] & 0xFF;
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }
}
