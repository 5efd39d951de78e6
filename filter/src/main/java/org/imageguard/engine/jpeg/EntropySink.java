package org.imageguard.engine.jpeg;

/**
 * Where a scan encoder sends its Huffman symbols and raw bits: counted in a first pass to build optimal tables,
 * written in the second. Table ids 0..3 are the DC slots, 4..7 the AC slots.
 */
abstract class EntropySink {

    static final int AC = 4;

    abstract void symbol(int table, int symbol);

    abstract void bits(int value, int count);

    /** Writes {@code count} one-bit values, each the low bit of a byte of {@code bits} from {@code from}. */
    abstract void corrections(byte[] bits, int from, int count);

    /** Ends a restart interval: pads the last byte with ones and writes RSTn. */
    abstract void restart(int marker);

    /** Counts symbols per table. */
    static final class Counter extends EntropySink {

        final int[][] frequencies = new int[8][256];
        /** Bits written besides the Huffman codes: magnitudes, correction bits, padding. */
        private long rawBits;
        /** Restart markers written so far: two bytes each, and up to one byte of padding before each. */
        private long restarts;

        @Override
        void symbol(int table, int symbol) {
            frequencies[table][symbol]++;
        }

        @Override
        void bits(int value, int count) {
            rawBits += count;
        }

        @Override
        void corrections(byte[] bits, int from, int count) {
            rawBits += count;
        }

        @Override
        void restart(int marker) {
            restarts++;
        }

        void reset() {
            for (int[] f : frequencies) {
                java.util.Arrays.fill(f, 0);
            }
            rawBits = 0;
            restarts = 0;
        }

        /**
         * The entropy-coded bytes with these tables, stuffing aside; restart intervals count a whole byte of padding
         * each, so the figure may be a little high for files with restart markers.
         */
        long codedBytes(HuffmanEncodingTable[] tables) {
            long bits = rawBits;
            for (int id = 0; id < 8; id++) {
                if (tables[id] == null) {
                    continue;
                }
                int[] f = frequencies[id];
                int[] size = tables[id].size;
                for (int s = 0; s < 256; s++) {
                    bits += (long) f[s] * size[s];
                }
            }
            return (bits + 7) / 8 + 3 * restarts;
        }

        boolean used(int table) {
            for (int f : frequencies[table]) {
                if (f != 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
