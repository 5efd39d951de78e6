package org.imageguard.engine.jpeg;

import java.util.Arrays;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * Entropy-decodes every scan of a Huffman-coded sequential or progressive frame into its quantised DCT
 * coefficients (T.81 F.2 and G.2), exactly as coded: nothing is dequantised, clamped or repaired.
 *
 * <p>Coefficients are kept per component as {@code short[blocks * 64]} in zig-zag order, rows of
 * {@link CodingFrame.Component#paddedWide()} blocks, padding blocks of interleaved MCUs included. A progressive file
 * must end with every coefficient fully refined, as libjpeg would otherwise smooth the blocks it draws: such files
 * are left alone rather than re-encoded into different pixels.
 *
 * <pre>{@code
 * short[][] coefficients = CoefficientDecoder.decode(data, layout);
 * }</pre>
 */
final class CoefficientDecoder extends ScanWalker {

    private static final int DHT = 0xC4;

    private final byte[] data;
    private final EntropyLayout layout;
    private final CodingFrame frame;
    private final short[][] coefficients;
    private final HuffmanDecodingTable[] dcTables = new HuffmanDecodingTable[4];
    private final HuffmanDecodingTable[] acTables = new HuffmanDecodingTable[4];
    /** Per component and coefficient: the point transform reached so far, -1 before its first scan. */
    private final int[][] coefficientBits;
    private final int maxDcCategory;
    private final int maxAcCategory;

    // State of the scan being decoded.
    private EntropyReader reader;
    private ScanHeader scan;
    private final int[] predictions = new int[4];
    private int endOfBandRun;

    private CoefficientDecoder(byte[] data, EntropyLayout layout) {
        this.data = data;
        this.layout = layout;
        this.frame = layout.frame();
        this.coefficients = new short[frame.components().size()][];
        this.coefficientBits = new int[frame.components().size()][64];
        for (int[] bits : coefficientBits) {
            Arrays.fill(bits, -1);
        }
        this.maxDcCategory = frame.precision() == 8 ? 11 : 15;
        this.maxAcCategory = frame.precision() == 8 ? 10 : 14;
    }

    /**
     * @throws ImageFormatException for corrupt scan data or headers
     * @throws LeftAlone            for a valid file that is not re-encoded (incomplete progression, missing table)
     */
    static short[][] decode(byte[] data, EntropyLayout layout) {
        CoefficientDecoder decoder = new CoefficientDecoder(data, layout);
        for (CodingFrame.Component c : decoder.frame.components()) {
            decoder.coefficients[c.index()] = new short[c.paddedWide() * c.paddedHigh() * 64];
        }
        for (JpegSegment dht : layout.tables()) {
            decoder.readTables(dht);
        }
        JpegSegment pendingScan = null;
        for (JpegSegment s : layout.scanRecords()) {
            if (s.kind() == JpegSegment.Kind.SCAN_DATA) {
                if (pendingScan != null) {
                    decoder.decodeScan(pendingScan, s.offset(), s.end());
                    pendingScan = null;
                }
            } else if (s.marker() == DHT) {
                decoder.flush(pendingScan);
                pendingScan = null;
                decoder.readTables(s);
            } else {
                decoder.flush(pendingScan);
                pendingScan = s;
            }
        }
        decoder.flush(pendingScan);
        decoder.checkComplete();
        return decoder.coefficients;
    }

    /** A scan header followed directly by a marker: its data is empty. */
    private void flush(JpegSegment sos) {
        if (sos != null) {
            decodeScan(sos, sos.end(), sos.end());
        }
    }

    private void readTables(JpegSegment dht) {
        int at = dht.payloadOffset();
        int end = dht.end();
        while (at < end) {
            int classAndSlot = data[at] & 0xFF;
            int tableClass = classAndSlot >> 4;
            int slot = classAndSlot & 15;
            if (tableClass > 1 || slot > 3) {
                throw new ImageFormatException(ImageFormat.JPEG, at, String.format(
                        "expected Huffman table class 0..1 and slot 0..3, found 0x%02X", classAndSlot));
            }
            HuffmanDecodingTable table = HuffmanDecodingTable.parse(data, at, end);
            (tableClass == 0 ? dcTables : acTables)[slot] = table;
            at += 17 + table.values.length;
        }
    }

    private void decodeScan(JpegSegment sos, int from, int end) {
        scan = ScanHeader.parse(data, sos, frame);
        checkScan(sos);
        reader = new EntropyReader(data, from, end);
        Arrays.fill(predictions, 0);
        endOfBandRun = 0;
        walk(frame, scan, layout.restartInterval());
        reader.finish();
    }

    @Override
    void restart(int marker) {
        reader.restart(marker);
        Arrays.fill(predictions, 0);
        endOfBandRun = 0;
    }

    /** Checks the scan against the frame and the progression so far (T.81 G.1.1.1). */
    private void checkScan(JpegSegment sos) {
        boolean progressive = frame.progressive();
        int blocks = 0;
        for (int index : scan.components()) {
            blocks += frame.components().get(index).blocksPerMcu();
        }
        if (scan.interleaved() && blocks > 10) {
            throw new ImageFormatException(ImageFormat.JPEG, sos.offset(),
                    "expected at most 10 blocks in an interleaved MCU, found " + blocks);
        }
        if (progressive) {
            boolean bad = scan.se() > 63 || scan.ss() > scan.se() || scan.al() > 13 || scan.ah() > 13
                    || (scan.ss() == 0 && scan.se() != 0) || (scan.ss() > 0 && scan.interleaved())
                    || (scan.ah() != 0 && scan.al() != scan.ah() - 1);
            if (bad) {
                throw new ImageFormatException(ImageFormat.JPEG, sos.offset(), String.format(
                        "expected a valid progressive scan, found Ss=%d Se=%d Ah=%d Al=%d", scan.ss(), scan.se(),
                        scan.ah(), scan.al()));
            }
        }
        for (int i = 0; i < scan.components().length; i++) {
            int[] bits = coefficientBits[scan.components()[i]];
            int ss = progressive ? scan.ss() : 0;
            int se = progressive ? scan.se() : 63;
            int ah = progressive ? scan.ah() : 0;
            int al = progressive ? scan.al() : 0;
            if (ss > 0 && bits[0] < 0) {
                throw new LeftAlone("AC scan before the DC scan of a component: left as it was");
            }
            for (int k = ss; k <= se; k++) {
                if (Math.max(bits[k], 0) != ah || (!progressive && bits[k] >= 0)) {
                    throw new LeftAlone("inconsistent scan progression: left as it was");
                }
                bits[k] = al;
            }
            boolean needsDc = !progressive || (scan.ss() == 0 && scan.ah() == 0);
            boolean needsAc = !progressive || scan.ss() > 0;
            if (needsDc && dcTables[scan.dcTables()[i]] == null || needsAc && acTables[scan.acTables()[i]] == null) {
                throw new LeftAlone("scan without its Huffman table (Motion JPEG defaults): left as it was");
            }
        }
    }

    private void checkComplete() {
        for (int[] bits : coefficientBits) {
            for (int b : bits) {
                if (b != 0) {
                    throw new LeftAlone("not every coefficient fully coded (incomplete progression): left as it was");
                }
            }
        }
    }

    @Override
    void block(int scanIndex, int offset) {
        short[] block = coefficients[scan.components()[scanIndex]];
        if (!frame.progressive()) {
            decodeSequential(scanIndex, block, offset);
        } else if (scan.ss() == 0) {
            if (scan.ah() == 0) {
                int diff = decodeDcDifference(scanIndex);
                predictions[scanIndex] += diff;
                block[offset] = (short) (predictions[scanIndex] << scan.al());
            } else if (reader.bits(1) != 0) {
                block[offset] |= (short) (1 << scan.al());
            }
        } else if (scan.ah() == 0) {
            decodeAcFirst(block, offset);
        } else {
            decodeAcRefinement(block, offset);
        }
    }

    private int decodeDcDifference(int scanIndex) {
        int s = reader.decode(dcTables[scan.dcTables()[scanIndex]]);
        if (s > maxDcCategory) {
            throw reader.corrupt("expected a DC difference category up to " + maxDcCategory + ", found " + s);
        }
        return reader.signed(s);
    }

    private void decodeSequential(int scanIndex, short[] block, int offset) {
        predictions[scanIndex] += decodeDcDifference(scanIndex);
        block[offset] = (short) predictions[scanIndex];
        HuffmanDecodingTable ac = acTables[scan.acTables()[scanIndex]];
        for (int k = 1; k < 64; k++) {
            int rs = reader.decode(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r != 15) {
                    break;
                }
                k += 15;
                continue;
            }
            k += r;
            if (k > 63 || s > maxAcCategory) {
                throw reader.corrupt(String.format("expected an AC coefficient within the block, found run %d "
                        + "size %d at index %d", r, s, k - r));
            }
            block[offset + k] = (short) reader.signed(s);
        }
    }

    private void decodeAcFirst(short[] block, int offset) {
        if (endOfBandRun > 0) {
            endOfBandRun--;
            return;
        }
        HuffmanDecodingTable ac = acTables[scan.acTables()[0]];
        int se = scan.se();
        int al = scan.al();
        for (int k = scan.ss(); k <= se; k++) {
            int rs = reader.decode(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r != 15) {
                    endOfBandRun = (1 << r) - 1;
                    if (r > 0) {
                        endOfBandRun += reader.bits(r);
                    }
                    break;
                }
                k += 15;
                continue;
            }
            k += r;
            if (k > se || s > maxAcCategory) {
                throw reader.corrupt(String.format("expected an AC coefficient within the band, found run %d "
                        + "size %d at index %d", r, s, k - r));
            }
            block[offset + k] = (short) (reader.signed(s) << al);
        }
    }

    private void decodeAcRefinement(short[] block, int offset) {
        int plus = 1 << scan.al();
        int minus = -1 << scan.al();
        int se = scan.se();
        int k = scan.ss();
        if (endOfBandRun == 0) {
            HuffmanDecodingTable ac = acTables[scan.acTables()[0]];
            for (; k <= se; k++) {
                int rs = reader.decode(ac);
                int r = rs >> 4;
                int s = rs & 15;
                int value = 0;
                if (s != 0) {
                    if (s != 1) {
                        throw reader.corrupt("expected a refinement coefficient of size 1, found " + s);
                    }
                    value = reader.bits(1) != 0 ? plus : minus;
                } else if (r != 15) {
                    endOfBandRun = 1 << r;
                    if (r > 0) {
                        endOfBandRun += reader.bits(r);
                    }
                    break;
                }
                // Skip r zero coefficients, refining the nonzero ones on the way.
                for (; k <= se; k++) {
                    int at = offset + k;
                    if (block[at] != 0) {
                        refine(block, at, plus, minus);
                    } else if (--r < 0) {
                        break;
                    }
                }
                if (value != 0) {
                    if (k > se) {
                        throw reader.corrupt("expected a refinement coefficient within the band, found its end");
                    }
                    block[offset + k] = (short) value;
                }
            }
        }
        if (endOfBandRun > 0) {
            for (; k <= se; k++) {
                int at = offset + k;
                if (block[at] != 0) {
                    refine(block, at, plus, minus);
                }
            }
            endOfBandRun--;
        }
    }

    private void refine(short[] block, int at, int plus, int minus) {
        if (reader.bits(1) != 0 && (block[at] & plus) == 0) {
            block[at] += (short) (block[at] >= 0 ? plus : minus);
        }
    }
}
