package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.SerializeOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How packets leave xmpcore. Every byte of a packet is served to every visitor, and on a small image the packet is
 * most of the file, so packets are as compact as RDF/XML allows: xmpcore's compact format (simple properties as
 * attributes of one {@code rdf:Description}), one space where xmpcore would start a new line (attributes need a
 * separator), no indentation and no padding. The {@code xpacket} wrapper stays ({@code begin="\uFEFF"},
 * {@code end="w"}): JPEG and PNG readers look for it. One exception to the compact form: DataMining is written as
 * element text, {@code <plus:DataMining>URI</plus:DataMining>}, the form naive readers (grep, regular expressions
 * in scrapers) find. Extended XMP is serialized the same way without wrapper (XMP Part 3 §1.1.3.1), and its GUID is
 * the MD5 of exactly those bytes.
 *
 * <pre>{@code
 * byte[] packet = XmpSerialization.standard(meta);
 * String guid = XmpSerialization.guid(XmpSerialization.extended(extendedMeta));
 * }</pre>
 */
public final class XmpSerialization {

    /**
     * The {@code x:xmptk} attribute we write. xmpcore would write "Adobe XMP Core " + a version it reads from its own
     * jar's manifest, which a shaded jar replaces ("Test.SNAPSHOT"): the same image would then come out with different
     * bytes from the proxy jar, the drop-in filter jar and a Maven build, under one ETag. A constant keeps the output
     * a function of the input and the policy alone.
     */
    static final String TOOLKIT = "ImageGuard (Adobe XMP Core)";

    private static final byte[] TOOLKIT_ATTRIBUTE = "x:xmptk=\"".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PACKET_END = "<?xpacket end=".getBytes(StandardCharsets.US_ASCII);
    private static final String DATA_MINING_ATTRIBUTE = " plus:DataMining=\"";

    private XmpSerialization() {
    }

    public static byte[] standard(XMPMeta meta) {
        return withoutPadding(serialize(meta, compact()));
    }

    public static byte[] extended(XMPMeta meta) {
        return serialize(meta, compact().setOmitPacketWrapper(true));
    }

    private static SerializeOptions compact() {
        // newline "" would glue attributes together (rdf:about=""xmlns:...), so one space separates them
        return new SerializeOptions().setUseCompactFormat(true).setIndent("").setNewline(" ");
    }

    /** 32 upper-case hex digits: the MD5 of the extended serialization. */
    public static String guid(byte[] extended) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(extended));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private static byte[] serialize(XMPMeta meta, SerializeOptions options) {
        XmpNamespaces.register();
        try {
            return dataMiningAsElement(withOurToolkit(XMPMetaFactory.serializeToBuffer(meta, options)));
        } catch (XMPException e) {
            throw new IllegalStateException("xmpcore could not serialize a packet it built: " + e.getMessage(), e);
        }
    }

    /** Replaces the value of the first {@code x:xmptk} attribute (xmpcore writes exactly one, in the root element). */
    static byte[] withOurToolkit(byte[] packet) {
        int start = indexOf(packet, TOOLKIT_ATTRIBUTE);
        if (start < 0) {
            return packet;
        }
        int valueStart = start + TOOLKIT_ATTRIBUTE.length;
        int valueEnd = valueStart;
        while (valueEnd < packet.length && packet[valueEnd] != '"') {
            valueEnd++;
        }
        byte[] toolkit = TOOLKIT.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[packet.length - (valueEnd - valueStart) + toolkit.length];
        System.arraycopy(packet, 0, out, 0, valueStart);
        System.arraycopy(toolkit, 0, out, valueStart, toolkit.length);
        System.arraycopy(packet, valueEnd, out, valueStart + toolkit.length, packet.length - valueEnd);
        return out;
    }

    /**
     * Drops the whitespace xmpcore pads before the trailer (it pads 2 KB when asked for none): padding only serves
     * in-place editors, and costs every visitor.
     */
    static byte[] withoutPadding(byte[] packet) {
        int trailer = lastIndexOf(packet, PACKET_END);
        if (trailer < 0) {
            return packet;
        }
        int end = trailer;
        while (end > 0 && (packet[end - 1] == ' ' || packet[end - 1] == '\n' || packet[end - 1] == '\r'
                || packet[end - 1] == '\t')) {
            end--;
        }
        byte[] out = new byte[packet.length - (trailer - end)];
        System.arraycopy(packet, 0, out, 0, end);
        System.arraycopy(packet, trailer, out, end, packet.length - trailer);
        return out;
    }

    /**
     * Moves DataMining from an attribute of the compact {@code rdf:Description} to a child element with the same
     * (already escaped) value: {@code <plus:DataMining>URI</plus:DataMining>}.
     */
    static byte[] dataMiningAsElement(byte[] packet) {
        String text = new String(packet, StandardCharsets.UTF_8);
        int attribute = text.indexOf(DATA_MINING_ATTRIBUTE);
        if (attribute < 0) {
            return packet;
        }
        int valueStart = attribute + DATA_MINING_ATTRIBUTE.length();
        int valueEnd = text.indexOf('"', valueStart);
        int tagEnd = endOfTag(text, valueEnd + 1);
        if (valueEnd < 0 || tagEnd < 0) {
            return packet;
        }
        String element = "<plus:DataMining>" + text.substring(valueStart, valueEnd) + "</plus:DataMining>";
        boolean selfClosing = text.charAt(tagEnd - 1) == '/';
        String rest = selfClosing
                ? text.substring(valueEnd + 1, tagEnd - 1) + ">" + element + "</rdf:Description>"
                : text.substring(valueEnd + 1, tagEnd + 1) + element;
        return (text.substring(0, attribute) + rest + text.substring(tagEnd + 1)).getBytes(StandardCharsets.UTF_8);
    }

    /** The index of the {@code >} closing the tag {@code from} is in, skipping quoted attribute values; -1 if none. */
    private static int endOfTag(String text, int from) {
        char quote = 0;
        for (int i = Math.max(from, 0); i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = data.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
