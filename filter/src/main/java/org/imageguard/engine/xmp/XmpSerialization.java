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
 * How packets leave xmpcore. A standard packet is UTF-8 with the {@code xpacket} wrapper ({@code begin="\uFEFF"},
 * {@code end="w"}) and a little padding. xmpcore's canonical format: the default writes simple values as attributes, and
 * STANDARDS.md §1 wants {@code <plus:DataMining>URI</plus:DataMining>} as element text, the form naive readers
 * (grep, regular expressions in scrapers) find. Extended XMP is
 * serialized without wrapper and padding (XMP Part 3 §1.1.3.1), and its GUID is the MD5 of exactly those bytes.
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

    /** Room for a later in-place edit; small because every byte is served to every visitor (0 would mean 2 KB). */
    static final int PADDING = 256;

    private XmpSerialization() {
    }

    public static byte[] standard(XMPMeta meta) {
        return serialize(meta, new SerializeOptions().setUseCanonicalFormat(true).setPadding(PADDING));
    }

    public static byte[] extended(XMPMeta meta) {
        return serialize(meta, new SerializeOptions().setUseCanonicalFormat(true).setOmitPacketWrapper(true));
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
            return withOurToolkit(XMPMetaFactory.serializeToBuffer(meta, options));
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
