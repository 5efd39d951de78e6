package org.imageguard.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.XmpPackets;

/**
 * A metadata plan for format tests: always embeds the same small packet carrying
 * {@code plus:DataMining = DMI-PROHIBITED}, returns EXIF unchanged (or drops it), and remembers what the rewriter
 * handed it.
 *
 * <pre>{@code
 * FixedXmpPlan plan = FixedXmpPlan.privacy();
 * byte[] out = rewriter.rewrite(in, plan, new RewriteReport.Builder());
 * assertThat(plan.existingXmp()).isNull();
 * }</pre>
 */
public final class FixedXmpPlan implements MetadataPlan {

    public static final String DATA_MINING = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED";
    public static final byte[] PACKET = ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
            + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\">"
            + "<plus:DataMining>" + DATA_MINING + "</plus:DataMining>"
            + "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>").getBytes(StandardCharsets.UTF_8);

    private final StripMode strip;
    private final boolean keepExif;
    private final List<byte[]> existingXmp = new ArrayList<>();
    private final List<byte[]> exifSeen = new ArrayList<>();

    public FixedXmpPlan(StripMode strip, boolean keepExif) {
        this.strip = strip;
        this.keepExif = keepExif;
    }

    public static FixedXmpPlan privacy() {
        return new FixedXmpPlan(StripMode.PRIVACY, true);
    }

    @Override
    public StripMode strip() {
        return strip;
    }

    @Override
    public XmpPackets xmp(byte[] existing, byte[] existingExtended, int maxStandardBytes) {
        existingXmp.add(existing);
        return XmpPackets.standardOnly(PACKET.clone());
    }

    @Override
    public byte[] cleanExif(byte[] tiff) {
        exifSeen.add(tiff.clone());
        return keepExif ? tiff : null;
    }

    @Override
    public byte[] cleanPhotoshopIrb(byte[] app13Payload) {
        throw new UnsupportedOperationException("no APP13 outside JPEG");
    }

    /** The {@code existing} argument of the one {@link #xmp} call (fails unless there was exactly one). */
    public byte[] existingXmp() {
        if (existingXmp.size() != 1) {
            throw new AssertionError("expected one xmp() call, found " + existingXmp.size());
        }
        return existingXmp.get(0);
    }

    public List<byte[]> exifSeen() {
        return List.copyOf(exifSeen);
    }
}
