package org.imageguard.engine.deflate;

import java.util.Arrays;

/**
 * Hash chains over three-byte prefixes, walked nearest first: each time a candidate gives a longer match than the
 * ones before it, that (length, distance) pair is kept. Inside a long repetition (full-length matches position after
 * position) the chain is not walked: the run's own distance is reused. Segments must be asked for in order; the 32 KiB before a
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
        int runDistance = 0;
        int runEnd = -1;
        int runStart = -1;
        boolean runSettled = false;
        for (int i = 0; i < n; i++) {
            int pos = start + i;
            first[i] = count;
            int maxLength = Math.min(DeflateSymbols.MAX_MATCH, end - pos);
            if (runSettled && maxLength == DeflateSymbols.MAX_MATCH && pos + maxLength <= runEnd) {
                // inside a long repetition the full-length match at the run's distance is known without walking
                // the chain (which would compare 258 bytes per candidate per position), and no match is longer;
                // the run is settled once the nearest full-length match lies inside the run itself (the repetition's
                // own period): at its first positions only a farther one (the row above) may exist
                found[0] = Matches.pack(DeflateSymbols.MAX_MATCH, runDistance);
                pairs = ensure(pairs, count, 1, n);
                count = keep(found, 1, pairs, count);
            } else if (maxLength >= DeflateSymbols.MIN_MATCH) {
                runSettled = false;
                int k = walk(pos, maxLength);
                pairs = ensure(pairs, count, Math.min(k, MAX_PAIRS), n);
                count = keep(found, k, pairs, count);
                boolean full = k > 0 && Matches.length(found[k - 1]) == DeflateSymbols.MAX_MATCH;
                if (!full) {
                    runStart = -1;
                } else {
                    runStart = runStart < 0 ? pos : runStart;
                    int distance = Matches.distance(found[k - 1]);
                    runSettled = distance <= pos - runStart;
                    if (distance != runDistance || pos + DeflateSymbols.MAX_MATCH > runEnd) {
                        // measured once per run and distance: again at every walk would be quadratic in its length
                        runDistance = distance;
                        runEnd = pos + DeflateSymbols.MAX_MATCH;
                        while (runEnd < end && data[runEnd] == data[runEnd - runDistance]) {
                            runEnd++;
                        }
                    }
                }
            }
            insert(pos);
        }
        first[n] = count;
        return new Matches(first, pairs);
    }

    private static int[] ensure(int[] pairs, int count, int more, int n) {
        if (count + more <= pairs.length) {
            return pairs;
        }
        return Arrays.copyOf(pairs, Math.max(count + more, Math.min(2 * pairs.length, MAX_PAIRS * n + 16)));
    }

    /** Appends the longest {@link #MAX_PAIRS} of the {@code k} matches found; @return the new count */
    private static int keep(int[] found, int k, int[] pairs, int count) {
        int keep = Math.min(k, MAX_PAIRS);
        System.arraycopy(found, k - keep, pairs, count, keep);
        return count + keep;
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
