package org.imageguard.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.XmpPackets;

/**
 * A stand-in for the real metadata plan in format tests: always returns the same small packet (DataMining
 * DMI-PROHIBITED and a dc:creator), passes EXIF through or drops it, and remembers what it was given.
 *
 * <pre>{@code
 * FixedMetadataPlan plan = FixedMetadataPlan.keepingExif();
 * byte[] out = rewriter.rewrite(image, plan, new RewriteReport.Builder());
 * plan.existingXmp(); // the packets the rewriter found
 * }</pre>
 */
public final class FixedMetadataPlan implements MetadataPlan {

    public static final String DATA_MINING = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED";
    public static final String CREATOR = "ImageGuard Test Creator";

    /** The rdf namespace is declared on x:xmpmeta, as some serializers do: format code must not rely on where. */
    public static final byte[] PACKET = ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            + " <rdf:RDF>\n"
            + "  <rdf:Description rdf:about=\"\" xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\"\n"
            + "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
            + "   <plus:DataMining>" + DATA_MINING + "</plus:DataMining>\n"
            + "   <dc:creator><rdf:Seq><rdf:li>" + CREATOR + "</rdf:li></rdf:Seq></dc:creator>\n"
            + "  </rdf:Description>\n"
            + " </rdf:RDF>\n"
            + "</x:xmpmeta>\n"
            + "<?xpacket end=\"w\"?>").getBytes(StandardCharsets.UTF_8);

    private final StripMode strip;
    private final boolean keepExif;
    private final List<byte[]> existingXmp = new ArrayList<>();
    private final List<byte[]> exifSeen = new ArrayList<>();

    public FixedMetadataPlan(StripMode strip, boolean keepExif) {
        this.strip = strip;
        this.keepExif = keepExif;
    }

    public static FixedMetadataPlan keepingExif() {
        return new FixedMetadataPlan(StripMode.PRIVACY, true);
    }

    public static FixedMetadataPlan droppingExif() {
        return new FixedMetadataPlan(StripMode.PRIVACY, false);
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
        return app13Payload;
    }

    /** The {@code existing} argument of each {@link #xmp} call (null entries when the image had none). */
    public List<byte[]> existingXmp() {
        return existingXmp;
    }

    /** The TIFF structures handed to {@link #cleanExif}. */
    public List<byte[]> exifSeen() {
        return exifSeen;
    }
}
