package org.imageguard.engine.jpeg;

/**
 * Where a scan encoder sends its Huffman symbols and raw bits: counted in a first pass to build optimal tables,
 * written in the second. Table ids 0..3 are the DC slots, 4..7 the AC slots.
 */
abstract class EntropySink {

    static final int AC = 4;

    abstract void symbol(int table, int symbol);

    abstract void bits(int value, int count);

    /** Ends a restart interval: pads the last byte with ones and writes RSTn. */
    abstract void restart(int marker);

    /** Counts symbols per table. */
    static final class Counter extends EntropySink {

        final int[][] frequencies = new int[8][256];

        @Override
        void symbol(int table, int symbol) {
            frequencies[table][symbol]++;
        }

        @Override
        void bits(int value, int count) {
        }

        @Override
        void restart(int marker) {
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
