package org.imageguard.engine.png;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.deflate.ZlibCompressor;

/**
 * Filter and zlib settings tried on one encoding, smallest kept. Palette and sub-byte images usually compress best
 * unfiltered, the others with the per-row heuristic; zlib's FILTERED strategy (fewer, longer matches) often wins on
 * filtered rows, HUFFMAN_ONLY on noisy photographs.
 *
 * <pre>
 * fast     the likely filter and the other one, zlib 9 default strategy              2 trials
 * default  none and adaptive filters, zlib 3 default strategy (to choose the filter)   2 trials
 *          then the optimal-parsing compressor (1 pass) on the winning filter
 * max      every single filter and adaptive × default, filtered and Huffman-only    18 trials
 *          then the optimal-parsing compressor (8 passes, deeper search) on the two best filters
 * </pre>
 *
 * <p>zlib is fast and decides which filter wins; the optimal-parsing compressor ({@link ZlibCompressor}) costs several
 * zlib runs and is kept only where it is smaller, so it is never worse than the zlib trials.
 */
final class PngTrials {

    private static final int LEVEL = 9;
    /**
     * zlib level of the trials that only choose the filter for the optimal parser at default effort: the parser's
     * stream nearly always wins, and level 3 ranks the filters as level 9 does at a fraction of its time.
     */
    private static final int CHOOSING_LEVEL = 3;

    private PngTrials() {
    }

    /** Marks a stream made by {@link ZlibCompressor} rather than zlib. */
    static final int OPTIMAL_PARSING = -1;

    /** The smallest zlib stream with what produced it. */
    record Best(byte[] idat, int filter, int level, int strategy) {
        String describe() {
            String f = filter == PngFilters.ADAPTIVE ? "adaptive filters" : "filter " + filterName(filter);
            String s = switch (strategy) {
                case OPTIMAL_PARSING -> "optimal-parsing deflate";
                case Deflater.FILTERED -> "zlib level " + level + " filtered strategy";
                case Deflater.HUFFMAN_ONLY -> "zlib level " + level + " Huffman-only strategy";
                default -> "zlib level " + level + " default strategy";
            };
            return f + ", " + s;
        }

        private static String filterName(int filter) {
            return List.of("none", "sub", "up", "average", "Paeth").get(filter);
        }
    }

    private record Trial(int filter, int level, int strategy) {
    }

    /** @return the best trial under {@code limit} bytes, or null when none beat it */
    static Best run(byte[] rows, PngHeader header, OptimizeEffort effort, int limit) {
        int height = header.height();
        int stride = (int) header.stride(header.width());
        byte[] filtered = new byte[Math.multiplyExact(height, stride + 1)];
        int filteredBy = -1;
        Best best = null;
        int bound = limit;
        // the smallest zlib size reached by each filter choice, to pick where optimal parsing is worth its time
        int[] smallest = new int[PngFilters.ADAPTIVE + 1];
        java.util.Arrays.fill(smallest, Integer.MAX_VALUE);
        for (Trial trial : trials(header, effort)) {
            if (trial.filter() != filteredBy) {
                PngFilters.filter(rows, height, stride, header.filterDistance(), trial.filter(), filtered);
                filteredBy = trial.filter();
            }
            byte[] idat = PngDeflate.compress(filtered, trial.level(), trial.strategy(), Integer.MAX_VALUE);
            smallest[trial.filter()] = Math.min(smallest[trial.filter()], idat.length);
            if (idat.length < bound) {
                best = new Best(idat, trial.filter(), trial.level(), trial.strategy());
                bound = idat.length;
            }
        }
        for (int filter : optimalParsingFilters(smallest, effort)) {
            if (filter != filteredBy) {
                PngFilters.filter(rows, height, stride, header.filterDistance(), filter, filtered);
                filteredBy = filter;
            }
            byte[] idat = ZlibCompressor.compress(filtered, settings(effort), bound);
            if (idat != null) {
                best = new Best(idat, filter, 0, OPTIMAL_PARSING);
                bound = idat.length;
            }
        }
        return best;
    }

    private static ZlibCompressor.Settings settings(OptimizeEffort effort) {
        return effort == OptimizeEffort.MAX ? ZlibCompressor.Settings.MAX : ZlibCompressor.Settings.DEFAULT;
    }

    /** The filter choices that did best with zlib: one at default effort, two at max, none at fast. */
    private static List<Integer> optimalParsingFilters(int[] smallest, OptimizeEffort effort) {
        int wanted = switch (effort) {
            case FAST -> 0;
            case DEFAULT -> 1;
            case MAX -> 2;
        };
        List<Integer> filters = new ArrayList<>();
        for (int f = 0; f < smallest.length; f++) {
            if (smallest[f] != Integer.MAX_VALUE) {
                filters.add(f);
            }
        }
        filters.sort((a, b) -> Integer.compare(smallest[a], smallest[b]));
        return filters.subList(0, Math.min(wanted, filters.size()));
    }

    private static List<Trial> trials(PngHeader header, OptimizeEffort effort) {
        boolean unfilteredFirst = header.colourType() == PngHeader.PALETTE || header.bitDepth() < 8;
        int likely = unfilteredFirst ? 0 : PngFilters.ADAPTIVE;
        int other = unfilteredFirst ? PngFilters.ADAPTIVE : 0;
        List<Trial> trials = new ArrayList<>();
        switch (effort) {
            case FAST -> {
                trials.add(new Trial(likely, LEVEL, Deflater.DEFAULT_STRATEGY));
                trials.add(new Trial(other, LEVEL, Deflater.DEFAULT_STRATEGY));
            }
            case DEFAULT -> {
                trials.add(new Trial(likely, CHOOSING_LEVEL, Deflater.DEFAULT_STRATEGY));
                trials.add(new Trial(other, CHOOSING_LEVEL, Deflater.DEFAULT_STRATEGY));
            }
            default -> {
                for (int filter : new int[] {likely, other, 1, 2, 3, 4}) {
                    for (int strategy : new int[] {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED,
                            Deflater.HUFFMAN_ONLY}) {
                        trials.add(new Trial(filter, LEVEL, strategy));
                    }
                }
            }
        }
        return trials;
    }
}
