package org.imageguard.engine.jpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * One way to write the picture, after the counting pass: a scan script with the optimal Huffman tables of each of
 * its table groups (each progressive scan has its own, a sequential file one set for all scans) and the size that
 * will come out, exact but for the 0x00 bytes stuffed after 0xFF. Comparing estimates lets the optimiser write only
 * the winner.
 *
 * <pre>{@code
 * PlannedEncoding plan = PlannedEncoding.plan(encoder, script);
 * plan.writeScans(writer, encoder, frame);
 * }</pre>
 */
final class PlannedEncoding {

    private final ScanScript script;
    /** Per progressive scan, or one entry for all sequential scans: the tables by sink table id (null: unused). */
    private final List<HuffmanEncodingTable[]> tables;
    private final long estimatedBytes;

    private PlannedEncoding(ScanScript script, List<HuffmanEncodingTable[]> tables, long estimatedBytes) {
        this.script = script;
        this.tables = tables;
        this.estimatedBytes = estimatedBytes;
    }

    static PlannedEncoding plan(ScanEncoder encoder, ScanScript script) {
        List<HuffmanEncodingTable[]> tables = new ArrayList<>();
        long bytes = 0;
        EntropySink.Counter counter = new EntropySink.Counter();
        if (script.progressive()) {
            for (ScanHeader scan : script.scans()) {
                counter.reset();
                encoder.encode(scan, true, counter);
                HuffmanEncodingTable[] t = optimalTables(counter);
                tables.add(t);
                bytes += dhtBytes(t) + sosBytes(scan) + counter.codedBytes(t);
            }
        } else {
            for (ScanHeader scan : script.scans()) {
                encoder.encode(scan, false, counter);
                bytes += sosBytes(scan);
            }
            HuffmanEncodingTable[] t = optimalTables(counter);
            tables.add(t);
            bytes += dhtBytes(t) + counter.codedBytes(t);
        }
        return new PlannedEncoding(script, List.copyOf(tables), bytes);
    }

    ScanScript script() {
        return script;
    }

    /** The bytes of DHT, SOS and scan data this plan writes, 0xFF stuffing aside. */
    long estimatedBytes() {
        return estimatedBytes;
    }

    /** Writes the DHT segments, scan headers and entropy-coded data. */
    void writeScans(EntropyWriter out, ScanEncoder encoder, CodingFrame frame) {
        if (script.progressive()) {
            for (int i = 0; i < script.scans().size(); i++) {
                defineTables(out, tables.get(i));
                writeScan(out, encoder, frame, script.scans().get(i), true);
            }
        } else {
            defineTables(out, tables.get(0));
            for (ScanHeader scan : script.scans()) {
                writeScan(out, encoder, frame, scan, false);
            }
        }
    }

    private static HuffmanEncodingTable[] optimalTables(EntropySink.Counter counter) {
        HuffmanEncodingTable[] t = new HuffmanEncodingTable[8];
        for (int id = 0; id < 8; id++) {
            if (counter.used(id)) {
                t[id] = HuffmanEncodingTable.optimal(counter.frequencies[id]);
            }
        }
        return t;
    }

    private static long dhtBytes(HuffmanEncodingTable[] tables) {
        long bytes = 0;
        for (HuffmanEncodingTable t : tables) {
            if (t != null) {
                bytes += t.dhtLength();
            }
        }
        return bytes == 0 ? 0 : bytes + 4;
    }

    private static long sosBytes(ScanHeader scan) {
        return 2 + 6 + 2L * scan.components().length;
    }

    private static void defineTables(EntropyWriter out, HuffmanEncodingTable[] tables) {
        int[] ids = new int[8];
        int count = 0;
        for (int id = 0; id < 8; id++) {
            if (tables[id] != null) {
                out.use(id, tables[id]);
                ids[count++] = id;
            }
        }
        if (count > 0) {
            out.dht(ids, count);
        }
    }

    private static void writeScan(EntropyWriter out, ScanEncoder encoder, CodingFrame frame, ScanHeader scan,
            boolean progressive) {
        int n = scan.components().length;
        out.rawByte(0xFF);
        out.rawByte(JpegSegment.SOS);
        out.rawU16(6 + 2 * n);
        out.rawByte(n);
        boolean dcUsed = !progressive || (scan.ss() == 0 && scan.ah() == 0);
        boolean acUsed = !progressive || scan.ss() > 0;
        for (int i = 0; i < n; i++) {
            out.rawByte(frame.components().get(scan.components()[i]).id());
            out.rawByte((dcUsed ? scan.dcTables()[i] << 4 : 0) | (acUsed ? scan.acTables()[i] : 0));
        }
        out.rawByte(progressive ? scan.ss() : 0);
        out.rawByte(progressive ? scan.se() : 63);
        out.rawByte(progressive ? scan.ah() << 4 | scan.al() : 0);
        encoder.encode(scan, progressive, out);
        out.flushBits();
    }
}
