package org.imageguard.engine.deflate;

/**
 * What each literal, length and distance is expected to cost in bits, extra bits included: the model the optimal
 * parser minimises. Taken from symbol counts as their information content, −log2(count / total), so that a parse
 * is judged by the statistics of the one before it; an unused symbol costs as if it had been seen once.
 */
final class SymbolCosts {

    private final double[] literal = new double[256];
    private final double[] length = new double[DeflateSymbols.MAX_MATCH + 1];
    private final double[] distSymbol = new double[DeflateSymbols.DIST_SYMBOLS];

    static SymbolCosts fromCounts(int[] litLenCounts, int[] distCounts) {
        SymbolCosts costs = new SymbolCosts();
        double[] lit = informationContent(litLenCounts);
        double[] dist = informationContent(distCounts);
        System.arraycopy(lit, 0, costs.literal, 0, 256);
        for (int len = DeflateSymbols.MIN_MATCH; len <= DeflateSymbols.MAX_MATCH; len++) {
            costs.length[len] = lit[DeflateSymbols.lengthSymbol(len)] + DeflateSymbols.lengthExtraBits(len);
        }
        for (int s = 0; s < DeflateSymbols.DIST_SYMBOLS; s++) {
            costs.distSymbol[s] = dist[s] + DeflateSymbols.distExtraBits(s);
        }
        return costs;
    }

    private static double[] informationContent(int[] counts) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        double log2Total = total == 0 ? log2(counts.length) : log2(total);
        double[] bits = new double[counts.length];
        for (int s = 0; s < counts.length; s++) {
            bits[s] = counts[s] == 0 ? log2Total : log2Total - log2(counts[s]);
        }
        return bits;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    double literal(int value) {
        return literal[value];
    }

    double length(int len) {
        return length[len];
    }

    double distance(int distance) {
        return distSymbol[DeflateSymbols.distSymbol(distance)];
    }
}
