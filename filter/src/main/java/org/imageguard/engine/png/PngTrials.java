package org.imageguard.engine.png;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

import org.imageguard.config.OptimizeEffort;

/**
 * Filter and zlib settings tried on one encoding, smallest kept. Palette and sub-byte images usually compress best
 * unfiltered, the others with the per-row heuristic; zlib's FILTERED strategy (fewer, longer matches) often wins on
 * filtered rows, HUFFMAN_ONLY on noisy photographs.
 *
 * <pre>
 * fast     the likely filter and the other one, zlib 9 default strategy              2 trials
 * default  none and adaptive filters × default and filtered strategies              4 trials
 * max      every single filter and adaptive × default, filtered and Huffman-only    18 trials
 * </pre>
 */
final class PngTrials {

    private static final int LEVEL = 9;

    private PngTrials() {
    }

    /** The smallest zlib stream with what produced it. */
    record Best(byte[] idat, int filter, int strategy) {
        String describe() {
            String f = filter == PngFilters.ADAPTIVE ? "adaptive filters" : "filter " + filterName(filter);
            String s = switch (strategy) {
                case Deflater.FILTERED -> "filtered";
                case Deflater.HUFFMAN_ONLY -> "Huffman-only";
                default -> "default";
            };
            return f + ", zlib level 9 " + s + " strategy";
        }

        private static String filterName(int filter) {
            return List.of("none", "sub", "up", "average", "Paeth").get(filter);
        }
    }

    private record Trial(int filter, int strategy) {
    }

    /** @return the best trial under {@code limit} bytes, or null when none beat it */
    static Best run(byte[] rows, PngHeader header, OptimizeEffort effort, int limit) {
        int height = header.height();
        int stride = (int) header.stride(header.width());
        byte[] filtered = new byte[Math.multiplyExact(height, stride + 1)];
        int filteredBy = -1;
        Best best = null;
        int bound = limit;
        for (Trial trial : trials(header, effort)) {
            if (trial.filter() != filteredBy) {
                PngFilters.filter(rows, height, stride, header.filterDistance(), trial.filter(), filtered);
                filteredBy = trial.filter();
            }
            byte[] idat = PngDeflate.compress(filtered, LEVEL, trial.strategy(), bound);
            if (idat != null) {
                best = new Best(idat, trial.filter(), trial.strategy());
                bound = idat.length;
            }
        }
        return best;
    }

    private static List<Trial> trials(PngHeader header, OptimizeEffort effort) {
        boolean unfilteredFirst = header.colourType() == PngHeader.PALETTE || header.bitDepth() < 8;
        int likely = unfilteredFirst ? 0 : PngFilters.ADAPTIVE;
        int other = unfilteredFirst ? PngFilters.ADAPTIVE : 0;
        List<Trial> trials = new ArrayList<>();
        switch (effort) {
            case FAST -> {
                trials.add(new Trial(likely, Deflater.DEFAULT_STRATEGY));
                trials.add(new Trial(other, Deflater.DEFAULT_STRATEGY));
            }
            case DEFAULT -> {
                for (int filter : new int[] {likely, other}) {
                    trials.add(new Trial(filter, Deflater.DEFAULT_STRATEGY));
                    trials.add(new Trial(filter, Deflater.FILTERED));
                }
            }
            default -> {
                for (int filter : new int[] {likely, other, 1, 2, 3, 4}) {
                    for (int strategy : new int[] {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED,
                            Deflater.HUFFMAN_ONLY}) {
                        trials.add(new Trial(filter, strategy));
                    }
                }
            }
        }
        return trials;
    }
}
