package org.imageguard.engine.jpeg;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * Huffman-encodes one scan of given coefficients (T.81 F.1 sequential, G.1 progressive) into an
 * {@link EntropySink}: once into a counter to size the optimal tables, once into the writer. Progressive AC scans
 * gather runs of empty blocks into EOBRUN codes and refinement scans buffer their correction bits as libjpeg does,
 * so the same statistics yield the same sizes.
 *
 * <pre>{@code
 * new ScanEncoder(frame, coefficients, restartInterval).encode(scan, counter);
 * }</pre>
 */
final class ScanEncoder {

    /** Correction bits a refinement EOBRUN may hold before it is forced out. */
    private static final int MAX_CORRECTION_BITS = 1000;
    private static final int MAX_EOB_RUN = 0x7FFF;

    private final CodingFrame frame;
    private final short[][] coefficients;
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
    private final int[] absolute = new int[64];

    ScanEncoder(CodingFrame frame, short[][] coefficients, int restartInterval) {
        this.frame = frame;
        this.coefficients = coefficients;
        this.restartInterval = restartInterval;
        this.maxDcCategory = frame.precision() == 8 ? 11 : 15;
        this.maxAcCategory = frame.precision() == 8 ? 10 : 14;
    }

    /** Encodes {@code scan}; {@code progressive} says whether Ss/Se/Ah/Al apply or the scan is sequential. */
    void encode(ScanHeader scan, boolean progressive, EntropySink sink) {
        this.scan = scan;
        this.progressive = progressive;
        this.sink = sink;
        java.util.Arrays.fill(lastDc, 0);
        endOfBandRun = 0;
        pendingCorrections = 0;
        int untilRestart = restartInterval;
        int marker = 0;
        if (scan.interleaved()) {
            for (int my = 0; my < frame.mcusDown(); my++) {
                for (int mx = 0; mx < frame.mcusAcross(); mx++) {
                    if (restartInterval > 0) {
                        if (untilRestart == 0) {
                            restart(marker);
                            marker = (marker + 1) & 7;
                            untilRestart = restartInterval;
                        }
                        untilRestart--;
                    }
                    for (int i = 0; i < scan.components().length; i++) {
                        CodingFrame.Component c = frame.components().get(scan.components()[i]);
                        for (int by = 0; by < c.v(); by++) {
                            int row = (my * c.v() + by) * c.paddedWide() + mx * c.h();
                            for (int bx = 0; bx < c.h(); bx++) {
                                encodeBlock(i, (row + bx) * 64);
                            }
                        }
                    }
                }
            }
        } else {
            CodingFrame.Component c = frame.components().get(scan.components()[0]);
            for (int by = 0; by < c.blocksHigh(); by++) {
                for (int bx = 0; bx < c.blocksWide(); bx++) {
                    if (restartInterval > 0) {
                        if (untilRestart == 0) {
                            restart(marker);
                            marker = (marker + 1) & 7;
                            untilRestart = restartInterval;
                        }
                        untilRestart--;
                    }
                    encodeBlock(0, (by * c.paddedWide() + bx) * 64);
                }
            }
        }
        emitEndOfBandRun();
    }

    private void restart(int marker) {
        emitEndOfBandRun();
        sink.restart(marker);
        java.util.Arrays.fill(lastDc, 0);
    }

    private void encodeBlock(int scanIndex, int offset) {
        short[] block = coefficients[scan.components()[scanIndex]];
        if (!progressive) {
            encodeDc(scanIndex, block[offset]);
            encodeSequentialAc(scanIndex, block, offset);
        } else if (scan.ss() == 0) {
            if (scan.ah() == 0) {
                encodeDc(scanIndex, block[offset] >> scan.al());
            } else {
                sink.bits(block[offset] >> scan.al(), 1);
            }
        } else if (scan.ah() == 0) {
            encodeAcFirst(block, offset);
        } else {
            encodeAcRefinement(block, offset);
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

    private void encodeSequentialAc(int scanIndex, short[] block, int offset) {
        int table = EntropySink.AC + scan.acTables()[scanIndex];
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int v = block[offset + k];
            if (v == 0) {
                run++;
                continue;
            }
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
            run = 0;
        }
        if (run > 0) {
            sink.symbol(table, 0x00);
        }
    }

    private void encodeAcFirst(short[] block, int offset) {
        int table = EntropySink.AC + scan.acTables()[0];
        int al = scan.al();
        int se = scan.se();
        int run = 0;
        for (int k = scan.ss(); k <= se; k++) {
            int v = block[offset + k];
            int magnitude = (v < 0 ? -v : v) >> al;
            if (magnitude == 0) {
                run++;
                continue;
            }
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
            run = 0;
        }
        if (run > 0 && ++endOfBandRun == MAX_EOB_RUN) {
            emitEndOfBandRun();
        }
    }

    private void encodeAcRefinement(short[] block, int offset) {
        int table = EntropySink.AC + scan.acTables()[0];
        int al = scan.al();
        int ss = scan.ss();
        int se = scan.se();
        int lastNew = 0; // the last coefficient that becomes nonzero in this scan
        for (int k = ss; k <= se; k++) {
            int v = block[offset + k];
            int magnitude = (v < 0 ? -v : v) >> al;
            absolute[k] = magnitude;
            if (magnitude == 1) {
                lastNew = k;
            }
        }
        int run = 0;
        int blockCorrections = pendingCorrections; // this block's correction bits start here
        int count = 0;
        for (int k = ss; k <= se; k++) {
            int magnitude = absolute[k];
            if (magnitude == 0) {
                run++;
                continue;
            }
            while (run > 15 && k <= lastNew) {
                emitEndOfBandRun();
                sink.symbol(table, 0xF0);
                run -= 16;
                emitCorrections(blockCorrections, count);
                blockCorrections = 0;
                count = 0;
            }
            if (magnitude > 1) {
                corrections[blockCorrections + count++] = (byte) (magnitude & 1);
                continue;
            }
            emitEndOfBandRun();
            sink.symbol(table, run << 4 | 1);
            sink.bits(block[offset + k] < 0 ? 0 : 1, 1);
            emitCorrections(blockCorrections, count);
            blockCorrections = 0;
            count = 0;
            run = 0;
        }
        if (run > 0 || count > 0) {
            endOfBandRun++;
            pendingCorrections += count;
            if (endOfBandRun == MAX_EOB_RUN || pendingCorrections > MAX_CORRECTION_BITS - 64 + 1) {
                emitEndOfBandRun();
            }
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
        emitCorrections(0, pendingCorrections);
        pendingCorrections = 0;
    }

    private void emitCorrections(int from, int count) {
        for (int i = from; i < from + count; i++) {
            sink.bits(corrections[i], 1);
        }
    }

    private static ImageFormatException outOfRange(String what, int value) {
        return new ImageFormatException(ImageFormat.JPEG, 0, what + " " + value
                + " is out of range for the frame's precision and cannot be re-encoded");
    }
}
