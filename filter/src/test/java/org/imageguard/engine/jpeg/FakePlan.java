package org.imageguard.engine.jpeg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.imageguard.config.StripMode;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.XmpPackets;

/**
 * A {@link MetadataPlan} with fixed answers that remembers what it was given: a small packet carrying
 * {@code plus:DataMining}, EXIF and Photoshop IRB kept or dropped as configured, optionally a 100 KB Extended XMP.
 */
final class FakePlan implements MetadataPlan {

    static final String DATA_MINING = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING";

    private final StripMode strip;
    private boolean keepExif = true;
    private boolean keepPhotoshop = true;
    private byte[] extended;

    byte[] givenXmp;
    byte[] givenExtendedXmp;
    byte[] givenExif;
    byte[] givenPhotoshop;
    int givenMaxStandard;

    FakePlan(StripMode strip) {
        this.strip = strip;
    }

    FakePlan dropExif() {
        keepExif = false;
        return this;
    }

    FakePlan dropPhotoshop() {
        keepPhotoshop = false;
        return this;
    }

    /** Makes {@link #xmp} return an Extended XMP whose dc:description is {@code size} characters long. */
    FakePlan withExtended(int size) {
        String description = "x".repeat(size);
        extended = ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
                + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:description><rdf:Alt>"
                + "<rdf:li xml:lang=\"x-default\">" + description + "</rdf:li></rdf:Alt></dc:description>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
        return this;
    }

    @Override
    public StripMode strip() {
        return strip;
    }

    @Override
    public XmpPackets xmp(byte[] existing, byte[] existingExtended, int maxStandardBytes) {
        givenXmp = existing;
        givenExtendedXmp = existingExtended;
        givenMaxStandard = maxStandardBytes;
        if (extended == null) {
            return XmpPackets.standardOnly(packet(""));
        }
        String guid = md5(extended);
        String note = " xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\" xmpNote:HasExtendedXMP=\"" + guid + "\"";
        return new XmpPackets(packet(note), extended, guid);
    }

    @Override
    public byte[] cleanExif(byte[] tiff) {
        givenExif = tiff;
        return keepExif ? tiff : null;
    }

    @Override
    public byte[] cleanPhotoshopIrb(byte[] app13Payload) {
        givenPhotoshop = app13Payload;
        return keepPhotoshop ? app13Payload : null;
    }

    private static byte[] packet(String extraAttributes) {
        return ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
                + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
                + " xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\"" + extraAttributes + ">"
                + "<plus:DataMining>" + DATA_MINING + "</plus:DataMining>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>").getBytes(StandardCharsets.UTF_8);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
