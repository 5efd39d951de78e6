package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.SerializeOptions;

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
            return XMPMetaFactory.serializeToBuffer(meta, options);
        } catch (XMPException e) {
            throw new IllegalStateException("xmpcore could not serialize a packet it built: " + e.getMessage(), e);
        }
    }
}
