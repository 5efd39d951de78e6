package org.imageguard.engine.png;

/**
 * The five PNG row filters and the usual heuristic for choosing among them: per row, the filter whose output bytes,
 * read as signed values, have the smallest sum of absolute values (small residuals compress best).
 *
 * <pre>
 * 0 None  x | 1 Sub  x − a | 2 Up  x − b | 3 Average  x − ⌊(a + b) / 2⌋ | 4 Paeth  x − paeth(a, b, c)
 * a = the byte bpp to the left, b = the byte above, c = above-left; 0 outside the image
 * </pre>
 */
final class PngFilters {

    /** A filter choice for a whole image: one of the five for every row, or {@link #ADAPTIVE}. */
    static final int ADAPTIVE = 5;

    private PngFilters() {
    }

    static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    /**
     * Filters every row of {@code rows} into {@code out} ({@code height × (1 + stride)} bytes).
     *
     * @param choice 0..4 for one filter on every row, {@link #ADAPTIVE} for the per-row heuristic
     */
    static void filter(byte[] rows, int height, int stride, int bpp, int choice, byte[] out) {
        byte[] trial = choice == ADAPTIVE ? new byte[stride] : null;
        for (int y = 0; y < height; y++) {
            int cur = y * stride;
            int prev = y == 0 ? -1 : cur - stride;
            int dst = y * (stride + 1);
            if (choice != ADAPTIVE) {
                out[dst] = (byte) choice;
                apply(rows, cur, prev, stride, bpp, choice, out, dst + 1);
                continue;
            }
            long best = Long.MAX_VALUE;
            for (int f = 0; f <= 4; f++) {
                apply(rows, cur, prev, stride, bpp, f, trial, 0);
                long sum = 0;
                for (int i = 0; i < stride && sum < best; i++) {
                    sum += Math.abs(trial[i]);
                }
                if (sum < best) {
                    best = sum;
                    out[dst] = (byte) f;
                    System.arraycopy(trial, 0, out, dst + 1, stride);
                }
            }
        }
    }

    private static void apply(byte[] rows, int cur, int prev, int stride, int bpp, int filter, byte[] out, int dst) {
        switch (filter) {
            case 0 -> System.arraycopy(rows, cur, out, dst, stride);
            case 1 -> {
                for (int i = 0; i < stride; i++) {
                    int a = i >= bpp ? rows[cur + i - bpp] : 0;
                    out[dst + i] = (byte) (rows[cur + i] - a);
                }
            }
            case 2 -> {
                for (int i = 0; i < stride; i++) {
                    int b = prev >= 0 ? rows[prev + i] : 0;
                    out[dst + i] = (byte) (rows[cur + i] - b);
                }
            }
            case 3 -> {
                for (int i = 0; i < stride; i++) {
                    int a = i >= bpp ? rows[cur + i - bpp] & 0xFF : 0;
                    int b = prev >= 0 ? rows[prev + i] & 0xFF : 0;
                    out[dst + i] = (byte) (rows[cur + i] - ((a + b) >>> 1));
                }
            }
            default -> {
                for (int i = 0; i < stride; i++) {
                    int a = i >= bpp ? rows[cur + i - bpp] & 0xFF : 0;
                    int b = prev >= 0 ? rows[prev + i] & 0xFF : 0;
                    int c = prev >= 0 && i >= bpp ? rows[prev + i - bpp] & 0xFF : 0;
                    out[dst + i] = (byte) (rows[cur + i] - paeth(a, b, c));
                }
            }
        }
    }
}
