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
 * attributes of one {@code rdf:Description}), no whitespace between tags (XML and RDF ignore whitespace-only text
 * between elements; a whitespace-only property value is kept), no padding, and no {@code x:xmptk} attribute (the
 * XMP specification makes it optional and no reader needs it). The {@code xpacket} wrapper stays
 * ({@code begin="\uFEFF"}, {@code end="w"}): JPEG and PNG readers look for it. One exception to the compact form:
 * DataMining is written as element text, {@code <plus:DataMining>URI</plus:DataMining>}, the form naive readers
 * (grep, regular expressions in scrapers) find. Extended XMP is serialized the same way without wrapper (XMP Part 3
 * §1.1.3.1), and its GUID is the MD5 of exactly those bytes.
 *
 * <pre>{@code
 * byte[] packet = XmpSerialization.standard(meta);
 * String guid = XmpSerialization.guid(XmpSerialization.extended(extendedMeta));
 * }</pre>
 */
public final class XmpSerialization {

    private static final byte[] TOOLKIT_ATTRIBUTE = " x:xmptk=\"".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PACKET_END = "<?xpacket end=".getBytes(StandardCharsets.US_ASCII);
    private static final String DATA_MINING_ATTRIBUTE = " plus:DataMining=\"";

    private XmpSerialization() {
    }

    public static byte[] standard(XMPMeta meta) {
        // xmpcore turns a padding of 0 into 2 KB, which it writes one char at a time through an OutputStreamWriter
        // (the costliest part of a serialization before the JIT compiles it); 1 is written as one space, and
        // withoutPadding drops every space before the trailer either way.
        return withoutPadding(serialize(meta, compact().setPadding(1)));
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
            return withoutSpacesBetweenTags(dataMiningAsElement(withoutToolkit(
                    XMPMetaFactory.serializeToBuffer(meta, options))));
        } catch (XMPException e) {
            throw new IllegalStateException("xmpcore could not serialize a packet it built: " + e.getMessage(), e);
        }
    }

    /**
     * Drops the first {@code x:xmptk} attribute (xmpcore writes exactly one, in the root element): it only names the
     * writing toolkit, and xmpcore takes its version from its jar's manifest, which differs between our jars.
     */
    static byte[] withoutToolkit(byte[] packet) {
        int start = indexOf(packet, TOOLKIT_ATTRIBUTE);
        if (start < 0) {
            return packet;
        }
        int valueEnd = start + TOOLKIT_ATTRIBUTE.length;
        while (valueEnd < packet.length && packet[valueEnd] != '"') {
            valueEnd++;
        }
        int end = Math.min(packet.length, valueEnd + 1);
        byte[] out = new byte[packet.length - (end - start)];
        System.arraycopy(packet, 0, out, 0, start);
        System.arraycopy(packet, end, out, start, packet.length - end);
        return out;
    }

    /**
     * Drops whitespace between a tag's {@code >} and the next {@code <}, except between a start tag and its end tag
     * (that whitespace is the property's value). Attribute values cannot hold a raw {@code <}, so a {@code >}
     * followed by whitespace and {@code <} always ends a tag or processing instruction.
     */
    static byte[] withoutSpacesBetweenTags(byte[] packet) {
        byte[] out = new byte[packet.length];
        int size = 0;
        int lastTagStart = -1;
        for (int i = 0; i < packet.length; i++) {
            byte b = packet[i];
            if (b == '<') {
                lastTagStart = i;
            }
            out[size++] = b;
            if (b != '>') {
                continue;
            }
            int next = i + 1;
            while (next < packet.length && isSpace(packet[next])) {
                next++;
            }
            if (next == i + 1 || next >= packet.length || packet[next] != '<') {
                continue;
            }
            boolean afterStartTag = lastTagStart >= 0 && packet[lastTagStart + 1] != '/'
                    && packet[lastTagStart + 1] != '?' && packet[i - 1] != '/';
            boolean beforeEndTag = next + 1 < packet.length && packet[next + 1] == '/';
            if (!(afterStartTag && beforeEndTag)) {
                i = next - 1;
            }
        }
        return java.util.Arrays.copyOf(out, size);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
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
        while (end > 0 && isSpace(packet[end - 1])) {
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
