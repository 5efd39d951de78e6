package org.imageguard.engine.deflate;

import java.util.Arrays;

/**
 * The cheapest parse of a segment under a cost model: a shortest path where position i has an edge to i + 1 (a
 * literal) and to i + L for every match length L found there. Positions are relaxed in order, so one forward pass
 * and a walk back from the end give the path. Inside long runs (a 258-byte match available) only the full-length
 * match is tried: the shorter ones cannot do better there and would cost 256 relaxations per byte.
 */
final class OptimalParser {

    private final double[] cost;
    private final int[] edge;

    OptimalParser(int capacity) {
        cost = new double[capacity + 1];
        edge = new int[capacity + 1];
    }

    void parse(byte[] data, int start, int end, Matches matches, SymbolCosts costs, Lz77Stream out) {
        int n = end - start;
        Arrays.fill(cost, 1, n + 1, Double.POSITIVE_INFINITY);
        cost[0] = 0;
        for (int i = 0; i < n; i++) {
            double base = cost[i];
            relax(i + 1, base + costs.literal(data[start + i] & 0xFF), 0);
            int from = matches.first[i];
            int to = matches.first[i + 1];
            if (from == to) {
                continue;
            }
            int longest = Matches.length(matches.pairs[to - 1]);
            if (longest == DeflateSymbols.MAX_MATCH) {
                int pair = matches.pairs[to - 1];
                relax(i + longest, base + costs.length(longest) + costs.distance(Matches.distance(pair)), pair);
                continue;
            }
            int len = DeflateSymbols.MIN_MATCH;
            for (int k = from; k < to; k++) {
                int pair = matches.pairs[k];
                int distance = Matches.distance(pair);
                double withDistance = base + costs.distance(distance);
                for (int top = Matches.length(pair); len <= top; len++) {
                    relax(i + len, withDistance + costs.length(len), Matches.pack(len, distance));
                }
            }
        }
        emit(data, start, n, out);
    }

    private void relax(int target, double value, int via) {
        if (value < cost[target]) {
            cost[target] = value;
            edge[target] = via;
        }
    }

    /** Walks the chosen edges back from the end, keeping them at the top of {@link #edge}, then emits them forward. */
    private void emit(byte[] data, int start, int n, Lz77Stream out) {
        int count = 0;
        for (int i = n; i > 0; count++) {
            int via = edge[i];
            int step = via == 0 ? 1 : Matches.length(via);
            edge[n - count] = via; // the path is no longer than n: store it from the end, never overtaking i
            i -= step;
        }
        out.clear();
        int at = 0;
        for (int k = n - count + 1; k <= n; k++) {
            int via = edge[k];
            if (via == 0) {
                out.literal(data[start + at] & 0xFF, start + at);
                at++;
            } else {
                out.match(Matches.length(via), Matches.distance(via), start + at);
                at += Matches.length(via);
            }
        }
    }

    /** Longest match at every position: a quick parse whose statistics seed the first optimal pass. */
    static void greedy(byte[] data, int start, int end, Matches matches, Lz77Stream out) {
        out.clear();
        int i = 0;
        int n = end - start;
        while (i < n) {
            int to = matches.first[i + 1];
            if (to > matches.first[i]) {
                int pair = matches.pairs[to - 1];
                out.match(Matches.length(pair), Matches.distance(pair), start + i);
                i += Matches.length(pair);
            } else {
                out.literal(data[start + i] & 0xFF, start + i);
                i++;
            }
        }
    }
}
