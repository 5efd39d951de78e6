package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import org.imageguard.engine.XmpPackets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fits a packet into a container's standard-packet limit (JPEG: 65502 bytes) the way XMP Part 3 §1.1.3.1 describes:
 * whole top-level properties move to an Extended XMP packet, largest first, and the standard packet names it with
 * {@code xmpNote:HasExtendedXMP} = GUID. The image's own properties move before ours; the statement itself
 * ({@link OurProperties#essential()}) never moves, so a reader that ignores Extended XMP still sees it.
 */
final class XmpSplitter {

    /** Stands in for the GUID while measuring: same length, so the measured size is the final size. */
    private static final String GUID_PLACEHOLDER = "0".repeat(32);

    private XmpSplitter() {
    }

    static XmpPackets split(XMPMeta full, OurProperties ours, int maxStandardBytes, Consumer<String> report) {
        full.deleteProperty(XmpNamespaces.XMP_NOTE, "HasExtendedXMP");
        byte[] packet = XmpSerialization.standard(full);
        if (packet.length <= maxStandardBytes) {
            return XmpPackets.standardOnly(packet);
        }
        XMPMeta standard = (XMPMeta) full.clone();
        XMPMeta extended = XMPMetaFactory.create();
        setGuid(standard, GUID_PLACEHOLDER);
        long estimate = XmpSerialization.standard(standard).length;
        int moved = 0;
        for (Candidate candidate : candidates(full, ours)) {
            if (estimate <= maxStandardBytes) {
                // The estimate ignores shared namespace declarations: confirm before stopping.
                estimate = XmpSerialization.standard(standard).length;
                if (estimate <= maxStandardBytes) {
                    break;
                }
            }
            OurProperties.copy(standard, extended, candidate.property());
            standard.deleteProperty(candidate.property().namespace(), candidate.property().path());
            estimate -= candidate.size();
            moved++;
        }
        if (moved == 0) {
            standard.deleteProperty(XmpNamespaces.XMP_NOTE, "HasExtendedXMP");
            return XmpPackets.standardOnly(XmpSerialization.standard(standard));
        }
        byte[] extendedBytes = XmpSerialization.extended(extended);
        String guid = XmpSerialization.guid(extendedBytes);
        setGuid(standard, guid);
        report.accept("XMP moved to Extended XMP (" + moved + (moved == 1 ? " property)" : " properties)"));
        return new XmpPackets(XmpSerialization.standard(standard), extendedBytes, guid);
    }

    /** The image's own properties largest first, then ours that are not essential, largest first. */
    private static List<Candidate> candidates(XMPMeta full, OurProperties ours) {
        List<Candidate> theirs = new ArrayList<>();
        List<Candidate> mine = new ArrayList<>();
        for (XmpProperty property : XmpProperty.topLevel(full)) {
            if (property.is(XmpNamespaces.XMP_NOTE, "HasExtendedXMP") || isIn(property, ours.essential())) {
                continue;
            }
            Candidate candidate = new Candidate(property, sizeOf(full, property));
            (isIn(property, ours.properties()) ? mine : theirs).add(candidate);
        }
        Comparator<Candidate> largestFirst = Comparator.comparingLong(Candidate::size).reversed();
        theirs.sort(largestFirst);
        mine.sort(largestFirst);
        theirs.addAll(mine);
        return theirs;
    }

    private static boolean isIn(XmpProperty property, List<XmpProperty> list) {
        return list.stream().anyMatch(p -> property.is(p.namespace(), p.localName()));
    }

    /** Bytes the property takes in a serialization: alone in a packet, less the empty packet's size. */
    private static long sizeOf(XMPMeta meta, XmpProperty property) {
        XMPMeta alone = XMPMetaFactory.create();
        OurProperties.copy(meta, alone, property);
        return XmpSerialization.extended(alone).length - EmptySize.BYTES;
    }

    private static void setGuid(XMPMeta meta, String guid) {
        try {
            meta.setProperty(XmpNamespaces.XMP_NOTE, "HasExtendedXMP", guid);
        } catch (XMPException e) {
            throw new IllegalStateException("xmpcore refused xmpNote:HasExtendedXMP", e);
        }
    }

    private record Candidate(XmpProperty property, long size) {
    }

    private static final class EmptySize {
        static final int BYTES = XmpSerialization.extended(XMPMetaFactory.create()).length;
    }
}
