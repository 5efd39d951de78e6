package org.imageguard.engine.svg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.imageguard.engine.svg.XmlAttributes.Attribute;
import org.imageguard.engine.svg.XmlOutline.RdfLocation;
import org.imageguard.engine.svg.XmlScanner.Markup;

/**
 * Moves an {@code rdf:RDF} element between an SVG document and an XMP packet. In SVG it stands alone inside
 * {@code <metadata>}: exiftool reads it there as XMP, whereas an {@code x:xmpmeta} wrapper makes it report every tag
 * under an {@code SvgMetadata} name. In a packet it sits inside the {@code xpacket} processing instructions and
 * {@code x:xmpmeta}. Either way the element is made self-contained: the namespace declarations it inherited from its
 * ancestors are copied onto its start tag.
 *
 * <p>All strings here are byte strings (ISO-8859-1 views of UTF-8), so substrings map back to the exact bytes.
 *
 * <pre>{@code
 * String rdf = RdfBlock.fromPacket(plan.standardXmp(null));
 * byte[] packet = RdfBlock.toPacket(RdfBlock.selfContained(svgText, outline.rdf()));
 * }</pre>
 */
final class RdfBlock {

    private static final String XMP_META_NS = "adobe:ns:meta/";
    private static final byte[] PACKET_HEADER = ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">").getBytes(StandardCharsets.UTF_8);
    private static final byte[] PACKET_FOOTER = "</x:xmpmeta>\n<?xpacket end=\"w\"?>".getBytes(StandardCharsets.UTF_8);

    private RdfBlock() {
    }

    /** The RDF element of a packet, self-contained. */
    static String fromPacket(byte[] packet) {
        String text = new String(packet, StandardCharsets.ISO_8859_1);
        RdfLocation rdf = XmlOutline.scan(text, XmlOutline.ANYWHERE).rdf();
        if (rdf == null) {
            throw new IllegalStateException("the metadata plan returned an XMP packet without rdf:RDF");
        }
        return selfContained(text, rdf);
    }

    /** Wraps a self-contained RDF element as a standard XMP packet. */
    static byte[] toPacket(String rdf) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream(rdf.length() + 128);
        packet.writeBytes(PACKET_HEADER);
        packet.writeBytes(rdf.getBytes(StandardCharsets.ISO_8859_1));
        packet.writeBytes(PACKET_FOOTER);
        return packet.toByteArray();
    }

    /** The RDF element's text with the namespace declarations of its ancestors added to its start tag. */
    static String selfContained(String text, RdfLocation rdf) {
        Markup tag = rdf.startTag();
        Map<String, Attribute> inherited = new LinkedHashMap<>();
        for (Markup ancestor : rdf.ancestors()) {
            String startTag = text.substring(ancestor.start(), ancestor.end());
            XmlAttributes.of(startTag).namespaceDeclarations().stream()
                    .filter(a -> !a.value().equals(XMP_META_NS)) // the packet wrapper's own: nothing inside uses it
                    .forEach(a -> inherited.put(a.name(), a));
        }
        XmlAttributes.of(text.substring(tag.start(), tag.end())).namespaceDeclarations()
                .forEach(a -> inherited.remove(a.name()));
        StringBuilder element = new StringBuilder(rdf.end() - rdf.start() + 64);
        int afterName = tag.start() + 1 + tag.name().length();
        element.append(text, tag.start(), afterName);
        inherited.values().forEach(a -> element.append(' ').append(a.source()));
        element.append(text, afterName, rdf.end());
        return element.toString();
    }
}
