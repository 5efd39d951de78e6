package org.imageguard.engine.jpeg;

import java.util.List;

/**
 * The block geometry of a Huffman-coded DCT frame (T.81 A.1.1, A.2): each component's block grid, padded to whole
 * MCUs of the interleaved scans, and the MCU grid itself.
 *
 * <pre>
 * component width  = ceil(X * H / Hmax), blocks wide = ceil(width / 8), padded = MCUs across * H
 * MCUs across      = ceil(X / (8 * Hmax)); likewise down with Y, V, Vmax
 * </pre>
 *
 * @param marker      the SOF marker byte (0xC0 baseline, 0xC1 extended, 0xC2 progressive)
 * @param precision   sample precision, 8 or 12
 */
record CodingFrame(int marker, int precision, int width, int height, List<Component> components, int hMax,
        int vMax, int mcusAcross, int mcusDown) {

    /**
     * @param id          the component identifier scans refer to
     * @param index       the position in the frame header
     * @param blocksWide  blocks holding picture samples, what a single-component scan codes
     * @param paddedWide  blocks an interleaved scan codes (whole MCUs)
     */
    record Component(int id, int index, int h, int v, int blocksWide, int blocksHigh, int paddedWide,
            int paddedHigh) {

        int blocksPerMcu() {
            return h * v;
        }
    }

    boolean progressive() {
        return marker == 0xC2;
    }

    /** The component with identifier {@code id}, or -1. */
    int indexOf(int id) {
        for (Component c : components) {
            if (c.id() == id) {
                return c.index();
            }
        }
        return -1;
    }

    /** Padded blocks of all components: what the coefficient store holds. */
    long totalBlocks() {
        long sum = 0;
        for (Component c : components) {
            sum += (long) c.paddedWide() * c.paddedHigh();
        }
        return sum;
    }
}
