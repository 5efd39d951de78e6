package org.imageguard.engine.deflate;

/**
 * The matches found at each position of one segment: for position i, {@code pairs[first[i]..first[i + 1])} in
 * increasing length, each the nearest earlier occurrence of that length. A match of length L at distance d also
 * gives every shorter length at d, so the pairs describe the best distance for every reachable length.
 */
final class Matches {

    final int[] first;
    final int[] pairs;

    Matches(int[] first, int[] pairs) {
        this.first = first;
        this.pairs = pairs;
    }

    static int pack(int length, int distance) {
        return length << 16 | (distance - 1);
    }

    static int length(int pair) {
        return pair >>> 16;
    }

    static int distance(int pair) {
        return (pair & 0xFFFF) + 1;
    }

    /** The longest match at position {@code i} (relative to the segment), 0 when there is none. */
    int longest(int i) {
        return first[i + 1] > first[i] ? length(pairs[first[i + 1] - 1]) : 0;
    }
}
