package org.imageguard.engine.jpeg;

import java.util.Arrays;

/**
 * Huffman-encodes one scan of given coefficients (T.81 F.1 sequential, G.1 progressive) into an
 * {@link EntropySink}: once into a counter to size the optimal tables, once into the writer. Progressive AC scans
 * gather runs of empty blocks into EOBRUN codes and refinement scans buffer their correction bits as libjpeg does,
 * so the same statistics yield the same sizes.
 *
 * <pre>{@code
 * new ScanEncoder(frame, coefficients, nonzero, restartInterval).encode(scan, counter);
 * }</pre>
 */
final class ScanEncoder extends ScanWalker {

    /** Correction bits a refinement EOBRUN may hold before it is forced out. */
    private static final int MAX_CORRECTION_BITS = 1000;
    private static final int MAX_EOB_RUN = 0x7FFF;

    private final CodingFrame frame;
    private final short[][] coefficients;
    /** Per component and block: bit k set when zig-zag coefficient k is nonzero, so zero runs cost nothing. */
    private final long[][] nonzero;
    private final int restartInterval;
    private final int maxDcCategory;
    private final int maxAcCategory;

    private EntropySink sink;
    private ScanHeader scan;
    private boolean progressive;
    private final int[] lastDc = new int[4];
    private int endOfBandRun;
    private final byte[] corrections = new byte[MAX_CORRECTION_BITS + 64];
    private int pendingCorrections;

    /** The nonzero-coefficient masks {@link ScanEncoder} needs, one pass over the coefficients. */
    static long[][] nonzeroMasks(short[][] coefficients) {
        long[][] masks = new long[coefficients.length][];
        for (int c = 0; c < coefficients.length; c++) {
            short[] coef = coefficients[c];
            long[] m = new long[coef.length / 64];
            for (int b = 0; b < m.length; b++) {
                long bits = 0;
                int base = b * 64;
                for (int k = 63; k >= 0; k--) {
                    bits = bits << 1 | (coef[base + k] != 0 ? 1 : 0);
                }
                m[b] = bits;
            }
            masks[c] = m;
        }
        return masks;
    }

    ScanEncoder(CodingFrame frame, short[][] coefficients, long[][] nonzero, int restartInterval) {
        this.frame = frame;
        this.coefficients = coefficients;
        this.nonzero = nonzero;
        this.restartInterval = restartInterval;
        this.maxDcCategory = frame.precision() == 8 ? 11 : 15;
        this.maxAcCategory = frame.precision() == 8 ? 10 : 14;
    }

    /** Encodes {@code scan}; {@code progressive} says whether Ss/Se/Ah/Al apply or the scan is sequential. */
    void encode(ScanHeader scan, boolean progressive, EntropySink sink) {
        this.scan = scan;
        this.progressive = progressive;
        this.sink = sink;
        Arrays.fill(lastDc, 0);
        endOfBandRun = 0;
        pendingCorrections = 0;
        walk(frame, scan, restartInterval);
        emitEndOfBandRun();
    }

    @Override
    void restart(int marker) {
        emitEndOfBandRun();
        sink.restart(marker);
        Arrays.fill(lastDc, 0);
    }

    @Override
    void block(int scanIndex, int offset) {
        int component = scan.components()[scanIndex];
        short[] block = coefficients[component];
        long mask = nonzero[component][offset >> 6];
        if (!progressive) {
            encodeDc(scanIndex, block[offset]);
            encodeSequentialAc(scanIndex, block, offset, mask);
        } else if (scan.ss() == 0) {
            if (scan.ah() == 0) {
                encodeDc(scanIndex, block[offset] >> scan.al());
            } else {
                sink.bits(block[offset] >> scan.al(), 1);
            }
        } else if (scan.ah() == 0) {
            encodeAcFirst(block, offset, mask);
        } else {
            encodeAcRefinement(block, offset, mask);
        }
    }

    private void encodeDc(int scanIndex, int value) {
        int diff = value - lastDc[scanIndex];
        lastDc[scanIndex] = value;
        int magnitude = Math.abs(diff);
        int size = 32 - Integer.numberOfLeadingZeros(magnitude);
        if (size > maxDcCategory) {
            throw outOfRange("DC difference", diff);
        }
        sink.symbol(scan.dcTables()[scanIndex], size);
        if (size > 0) {
            sink.bits(diff < 0 ? diff - 1 : diff, size);
        }
    }

    private void encodeSequentialAc(int scanIndex, short[] block, int offset, long mask) {
        int table = EntropySink.AC + scan.acTables()[scanIndex];
        long m = mask & ~1L;
        int last = 0;
        while (m != 0) {
            int k = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            int v = block[offset + k];
            int run = k - last - 1;
            last = k;
            while (run > 15) {
                sink.symbol(table, 0xF0);
                run -= 16;
            }
            int size = 32 - Integer.numberOfLeadingZeros(Math.abs(v));
            if (size > maxAcCategory) {
                throw outOfRange("AC coefficient", v);
            }
            sink.symbol(table, run << 4 | size);
            sink.bits(v < 0 ? v - 1 : v, size);
        }
        if (last < 63) {
            sink.symbol(table, 0x00);
        }
    }

    /** Bits ss..se of a block mask. */
    private static long band(int ss, int se) {
        return (se == 63 ? -1L : (1L << (se + 1)) - 1) & (-1L << ss);
    }

    private void encodeAcFirst(short[] block, int offset, long mask) {
        int table = EntropySink.AC + scan.acTables()[0];
        int al = scan.al();
        int se = scan.se();
        long m = mask & band(scan.ss(), se);
        int last = scan.ss() - 1;
        while (m != 0) {
            int k = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            int v = block[offset + k];
            int magnitude = (v < 0 ? -v : v) >> al;
            if (magnitude == 0) {
                continue;
            }
            int run = k - last - 1;
            last = k;
            emitEndOfBandRun();
            while (run > 15) {
                sink.symbol(table, 0xF0);
                run -= 16;
            }
            int size = 32 - Integer.numberOfLeadingZeros(magnitude);
            if (size > maxAcCategory) {
                throw outOfRange("AC coefficient", v);
            }
            sink.symbol(table, run << 4 | size);
            sink.bits(v < 0 ? ~magnitude : magnitude, size);
        }
        if (last < se && ++endOfBandRun == MAX_EOB_RUN) {
            emitEndOfBandRun();
        }
    }

    private void encodeAcRefinement(short[] block, int offset, long mask) {
        int table = EntropySink.AC + scan.acTables()[0];
        int al = scan.al();
        int se = scan.se();
        long fresh = 0; // coefficients that become nonzero in this scan
        long known = 0; // coefficients already nonzero, which only get a correction bit
        for (long m = mask & band(scan.ss(), se); m != 0; m &= m - 1) {
            int k = Long.numberOfTrailingZeros(m);
            int v = block[offset + k];
            int magnitude = (v < 0 ? -v : v) >> al;
            if (magnitude == 1) {
                fresh |= 1L << k;
            } else if (magnitude > 1) {
                known |= 1L << k;
            }
        }
        int blockCorrections = pendingCorrections; // this block's correction bits start here
        int count = 0;
        if (fresh == 0) {
            // Nothing new: only correction bits, all carried by the end-of-band run.
            for (long m = known; m != 0; m &= m - 1) {
                corrections[blockCorrections + count++] = (byte) ((Math.abs(block[offset
                        + Long.numberOfTrailingZeros(m)]) >> al) & 1);
            }
            countEndOfBand(count);
            return;
        }
        // Runs of zeros past the last new coefficient fold into the EOB and never need ZRL.
        int lastNew = 63 - Long.numberOfLeadingZeros(fresh);
        int run = 0;
        int last = scan.ss() - 1;
        for (long m = fresh | known; m != 0; m &= m - 1) {
            int k = Long.numberOfTrailingZeros(m);
            run += k - last - 1;
            last = k;
            while (run > 15 && k <= lastNew) {
                emitEndOfBandRun();
                sink.symbol(table, 0xF0);
                run -= 16;
                sink.corrections(corrections, blockCorrections, count);
                blockCorrections = 0;
                count = 0;
            }
            int v = block[offset + k];
            if ((known & 1L << k) != 0) {
                corrections[blockCorrections + count++] = (byte) (((v < 0 ? -v : v) >> al) & 1);
                continue;
            }
            emitEndOfBandRun();
            sink.symbol(table, run << 4 | 1);
            sink.bits(v < 0 ? 0 : 1, 1);
            sink.corrections(corrections, blockCorrections, count);
            blockCorrections = 0;
            count = 0;
            run = 0;
        }
        if (run + se - last > 0 || count > 0) {
            countEndOfBand(count);
        }
    }

    /** One more block ends in the pending run of empty bands, its correction bits appended to the run's. */
    private void countEndOfBand(int corrections) {
        endOfBandRun++;
        pendingCorrections += corrections;
        if (endOfBandRun == MAX_EOB_RUN || pendingCorrections > MAX_CORRECTION_BITS - 64 + 1) {
            emitEndOfBandRun();
        }
    }

    /**
     * Writes the pending run of empty bands with its correction bits. In a refinement scan the bits of the blocks
     * it covers sit at the start of {@link #corrections}; the current block's are appended after them.
     */
    private void emitEndOfBandRun() {
        if (endOfBandRun == 0) {
            return;
        }
        int size = 31 - Integer.numberOfLeadingZeros(endOfBandRun);
        sink.symbol(EntropySink.AC + scan.acTables()[0], size << 4);
        if (size > 0) {
            sink.bits(endOfBandRun, size);
        }
        endOfBandRun = 0;
        sink.corrections(corrections, 0, pendingCorrections);
        pendingCorrections = 0;
    }

    /** libjpeg decodes such values but no conforming encoder can write them: the file stays as it was. */
    private static LeftAlone outOfRange(String what, int value) {
        return new LeftAlone(what + " " + value + " out of range for the frame's precision: left as it was");
    }
}
