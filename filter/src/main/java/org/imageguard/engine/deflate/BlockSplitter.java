package org.imageguard.engine.deflate;

import java.util.ArrayList;
import java.util.List;

/**
 * Where to end blocks so that each gets Huffman codes fitted to its own part of the data (an image's flat sky and
 * its detailed ground want different codes). Recursive: a range is cut at the point that makes its two halves
 * cheapest, when that beats keeping it whole, until {@code maxBlocks}. The cut point is searched by sampling a few
 * points and narrowing around the best, which assumes the cost is roughly unimodal, as zopfli does.
 */
final class BlockSplitter {

    private static final int SAMPLES = 9;
    private static final int MIN_SYMBOLS = 32;

    private final BlockCoder coder;
    private final int maxBlocks;

    BlockSplitter(BlockCoder coder, int maxBlocks) {
        this.coder = coder;
        this.maxBlocks = maxBlocks;
    }

    /** @return the block boundaries of {@code [0, size)}: starts of every block after the first, then size */
    List<Integer> split(int size) {
        List<Integer> ends = new ArrayList<>();
        ends.add(size);
        List<int[]> pending = new ArrayList<>();
        pending.add(new int[] {0, size});
        while (!pending.isEmpty() && ends.size() < maxBlocks) {
            int[] range = pending.remove(pending.size() - 1);
            int cut = bestCut(range[0], range[1]);
            if (cut > 0) {
                ends.add(cut);
                pending.add(new int[] {range[0], cut});
                pending.add(new int[] {cut, range[1]});
            }
        }
        ends.sort(null);
        return ends;
    }

    /** @return a cut point that saves bits, or -1 */
    private int bestCut(int from, int to) {
        if (to - from < 2 * MIN_SYMBOLS) {
            return -1;
        }
        int lo = from + MIN_SYMBOLS;
        int hi = to - MIN_SYMBOLS;
        int best = -1;
        double bestBits = Double.MAX_VALUE;
        while (hi - lo > 0) {
            int step = Math.max(1, (hi - lo) / (SAMPLES + 1));
            int bestIndex = -1;
            int[] points = new int[SAMPLES];
            int count = 0;
            for (int p = lo + step; p < hi && count < SAMPLES; p += step) {
                points[count++] = p;
            }
            if (count == 0) {
                break;
            }
            double roundBest = Double.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                double bits = coder.estimate(from, points[i]) + coder.estimate(points[i], to);
                if (bits < roundBest) {
                    roundBest = bits;
                    bestIndex = i;
                }
            }
            if (roundBest < bestBits) {
                bestBits = roundBest;
                best = points[bestIndex];
            }
            if (step == 1) {
                break;
            }
            lo = bestIndex == 0 ? lo : points[bestIndex - 1];
            hi = bestIndex == count - 1 ? hi : points[bestIndex + 1];
        }
        if (best < 0 || coder.bits(from, best) + coder.bits(best, to) >= coder.bits(from, to)) {
            return -1;
        }
        return best;
    }
}
