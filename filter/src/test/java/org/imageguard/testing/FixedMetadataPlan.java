package org.imageguard.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.XmpPackets;

/**
 * A stand-in for the real metadata plan in format tests: always returns the same small packet ({@link #PACKET}, or
 * {@link #PACKET_WITH_CREATOR} after {@link #withCreator}), optionally with a large Extended XMP; keeps or drops EXIF
 * and the Photoshop IRB as configured; and remembers what the rewriter handed it.
 *
 * <pre>{@code
 * FixedMetadataPlan plan = FixedMetadataPlan.privacy();
 * byte[] out = rewriter.rewrite(image, plan, new RewriteReport.Builder());
 * plan.existingXmp(); // the packet the rewriter found (null when none)
 * }</pre>
 *
 * Outside JPEG there is no Photoshop IRB, so a plan not made by {@link #jpeg} fails the test if a rewriter asks to
 * clean one.
 */
public final class FixedMetadataPlan implements MetadataPlan {

    public static final String DATA_MINING = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED";
    public static final String CREATOR = "ImageGuard Test Creator";

    /** DataMining only, every namespace declared where xmpcore wants it (xmpcore rejects an attribute-less rdf:RDF). */
    public static final byte[] PACKET = packet(false, "");

    /**
     * DataMining and a dc:creator; the rdf namespace is declared on x:xmpmeta, as some serializers do: format code
     * must not rely on where.
     */
    public static final byte[] PACKET_WITH_CREATOR = packet(true, "");

    private enum Irb { UNEXPECTED, KEEP, DROP }

    /** The arguments of one {@link #xmp} call. */
    private record XmpCall(byte[] existing, byte[] existingExtended, int maxStandardBytes) {
    }

    private final StripMode strip;
    private boolean keepExif = true;
    private Irb photoshop = Irb.UNEXPECTED;
    private boolean creator;
    private byte[] extended;
    private final List<XmpCall> xmpCalls = new ArrayList<>();
    private final List<byte[]> exifSeen = new ArrayList<>();
    private final List<byte[]> photoshopSeen = new ArrayList<>();

    private FixedMetadataPlan(StripMode strip) {
        this.strip = strip;
    }

    /** Strips as {@code strip} says and keeps EXIF. */
    public static FixedMetadataPlan of(StripMode strip) {
        return new FixedMetadataPlan(strip);
    }

    /** {@link StripMode#PRIVACY}, EXIF kept. */
    public static FixedMetadataPlan privacy() {
        return of(StripMode.PRIVACY);
    }

    /** For JPEG: like {@link #of}, and keeps the Photoshop IRB (APP13) too. */
    public static FixedMetadataPlan jpeg(StripMode strip) {
        FixedMetadataPlan plan = of(strip);
        plan.photoshop = Irb.KEEP;
        return plan;
    }

    public FixedMetadataPlan dropExif() {
        keepExif = false;
        return this;
    }

    public FixedMetadataPlan dropPhotoshop() {
        photoshop = Irb.DROP;
        return this;
    }

    /** Makes {@link #xmp} return {@link #PACKET_WITH_CREATOR} instead of {@link #PACKET}. */
    public FixedMetadataPlan withCreator() {
        creator = true;
        return this;
    }

    /** Makes {@link #xmp} return an Extended XMP whose dc:description is {@code size} characters long. */
    public FixedMetadataPlan withExtended(int size) {
        extended = ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
                + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:description><rdf:Alt>"
                + "<rdf:li xml:lang=\"x-default\">" + "x".repeat(size) + "</rdf:li></rdf:Alt></dc:description>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
        return this;
    }

    @Override
    public StripMode strip() {
        return strip;
    }

    @Override
    public XmpPackets xmp(byte[] existing, byte[] existingExtended, int maxStandardBytes) {
        xmpCalls.add(new XmpCall(existing, existingExtended, maxStandardBytes));
        if (extended == null) {
            return XmpPackets.standardOnly(packet(creator, ""));
        }
        String guid = md5(extended);
        String note = " xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\" xmpNote:HasExtendedXMP=\"" + guid + "\"";
        return new XmpPackets(packet(creator, note), extended.clone(), guid);
    }

    @Override
    public byte[] cleanExif(byte[] tiff) {
        exifSeen.add(tiff.clone());
        return keepExif ? tiff : null;
    }

    @Override
    public byte[] cleanPhotoshopIrb(byte[] app13Payload) {
        if (photoshop == Irb.UNEXPECTED) {
            throw new UnsupportedOperationException("no APP13 outside JPEG");
        }
        photoshopSeen.add(app13Payload.clone());
        return photoshop == Irb.KEEP ? app13Payload : null;
    }

    /** The {@code existing} argument of the one {@link #xmp} call (null when the image had none). */
    public byte[] existingXmp() {
        return onlyXmpCall().existing();
    }

    /** The {@code existingExtended} argument of the one {@link #xmp} call. */
    public byte[] existingExtendedXmp() {
        return onlyXmpCall().existingExtended();
    }

    /** The {@code maxStandardBytes} argument of the one {@link #xmp} call. */
    public int maxStandardBytes() {
        return onlyXmpCall().maxStandardBytes();
    }

    /** The TIFF structures handed to {@link #cleanExif}. */
    public List<byte[]> exifSeen() {
        return List.copyOf(exifSeen);
    }

    /** The APP13 payloads handed to {@link #cleanPhotoshopIrb}. */
    public List<byte[]> photoshopSeen() {
        return List.copyOf(photoshopSeen);
    }

    private XmpCall onlyXmpCall() {
        if (xmpCalls.size() != 1) {
            throw new AssertionError("expected one xmp() call, found " + xmpCalls.size());
        }
        return xmpCalls.get(0);
    }

    private static byte[] packet(boolean withCreator, String extraAttributes) {
        if (!withCreator) {
            return ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
                    + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
                    + " xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\"" + extraAttributes + ">"
                    + "<plus:DataMining>" + DATA_MINING + "</plus:DataMining>"
                    + "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + " <rdf:RDF>\n"
                + "  <rdf:Description rdf:about=\"\" xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\"\n"
                + "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" + extraAttributes + ">\n"
                + "   <plus:DataMining>" + DATA_MINING + "</plus:DataMining>\n"
                + "   <dc:creator><rdf:Seq><rdf:li>" + CREATOR + "</rdf:li></rdf:Seq></dc:creator>\n"
                + "  </rdf:Description>\n"
                + " </rdf:RDF>\n"
                + "</x:xmpmeta>\n"
                + "<?xpacket end=\"w\"?>").getBytes(StandardCharsets.UTF_8);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
