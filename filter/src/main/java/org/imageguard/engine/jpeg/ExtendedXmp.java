package org.imageguard.engine.jpeg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imageguard.engine.io.Bytes;

/**
 * Reassembles Extended XMP from its APP1 portions (XMP Specification Part 3, 1.1.3.1).
 *
 * <pre>
 * APP1 payload  "http://ns.adobe.com/xmp/extension/\0"  35 bytes
 *               GUID                                   32 ASCII hex digits, MD5 of the full extended packet
 *               u32 BE full length                     same in every portion of one GUID
 *               u32 BE offset                          where this portion goes
 *               portion                                the rest of the segment
 * </pre>
 *
 * Portions are only remembered while reading; the packet is allocated when it is asked for and every byte of it was
 * found, so a file cannot make us allocate more than it carries. Bad portions (offsets outside the declared length,
 * lengths above {@link #MAX_TOTAL}, lengths that disagree) spoil their GUID: the extended packet is then dropped,
 * which loses metadata but never the picture.
 *
 * <pre>{@code
 * ExtendedXmp ext = new ExtendedXmp(data);
 * ext.add(segment);                                         // every Extended XMP APP1
 * byte[] full = ext.assemble(ExtendedXmp.referencedGuid(standardPacket)); // or null
 * }</pre>
 */
final class ExtendedXmp {

    /** The longest extended packet accepted. */
    static final long MAX_TOTAL = 16L << 20;
    /** Identifier, GUID, full length, offset. */
    static final int PORTION_HEADER = JpegSegmentType.XMP_EXTENDED_ID.length + 32 + 4 + 4;
    /** The longest portion one APP1 can carry. */
    static final int MAX_PORTION = JpegSegment.MAX_PAYLOAD - PORTION_HEADER;

    private static final Pattern HAS_EXTENDED =
            Pattern.compile("HasExtendedXMP\\s*(?:=\\s*[\"']|>)\\s*([0-9A-Fa-f]{32})");

    private record Portion(long offset, int from, int length) {
    }

    private final byte[] data;
    private final Map<String, List<Portion>> portions = new HashMap<>();
    private final Map<String, Long> totals = new HashMap<>();
    private final Set<String> spoiled = new HashSet<>();
    private int seen;

    ExtendedXmp(byte[] data) {
        this.data = data;
    }

    /** The GUID a standard packet points to with {@code xmpNote:HasExtendedXMP}, or null. */
    static String referencedGuid(byte[] standardPacket) {
        if (standardPacket == null) {
            return null;
        }
        Matcher m = HAS_EXTENDED.matcher(new String(standardPacket, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }

    void add(JpegSegment segment) {
        seen++;
        if (segment.payloadLength() < PORTION_HEADER) {
            return; // too short to name a GUID: nothing to attach it to
        }
        int at = segment.payloadOffset() + JpegSegmentType.XMP_EXTENDED_ID.length;
        String guid = new String(data, at, 32, StandardCharsets.ISO_8859_1);
        long total = Bytes.u32be(data, at + 32);
        long offset = Bytes.u32be(data, at + 36);
        int from = segment.payloadOffset() + PORTION_HEADER;
        int length = segment.end() - from;
        Long known = totals.putIfAbsent(guid, total);
        if (total > MAX_TOTAL || (known != null && known != total) || offset + length > total) {
            spoiled.add(guid);
            return;
        }
        portions.computeIfAbsent(guid, g -> new ArrayList<>()).add(new Portion(offset, from, length));
    }

    boolean isEmpty() {
        return seen == 0;
    }

    /** The full packet of {@code guid}, or null when it is absent, incomplete or spoiled. */
    byte[] assemble(String guid) {
        if (guid == null || spoiled.contains(guid) || !portions.containsKey(guid)) {
            return null;
        }
        List<Portion> parts = new ArrayList<>(portions.get(guid));
        parts.sort(Comparator.comparingLong(Portion::offset));
        long covered = 0;
        for (Portion p : parts) {
            if (p.offset() > covered) {
                return null; // a gap: a portion is missing
            }
            covered = Math.max(covered, p.offset() + p.length());
        }
        long total = totals.get(guid);
        if (covered != total) {
            return null;
        }
        byte[] full = new byte[(int) total];
        for (Portion p : parts) {
            System.arraycopy(data, p.from(), full, (int) p.offset(), p.length());
        }
        return full;
    }
}
