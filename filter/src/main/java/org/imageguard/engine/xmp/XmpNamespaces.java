package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPSchemaRegistry;

/**
 * The XMP namespaces ImageGuard writes or strips. xmpcore keeps one global schema registry; {@link #register()}
 * makes sure the prefixes we serialize are the conventional ones (exiftool and Adobe tools expect {@code plus:}).
 *
 * <pre>{@code
 * XmpNamespaces.register();   // idempotent, called by every class that serializes
 * }</pre>
 */
public final class XmpNamespaces {

    public static final String PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";
    public static final String DC = XMPConst.NS_DC;
    public static final String XMP_RIGHTS = XMPConst.NS_XMP_RIGHTS;
    public static final String PHOTOSHOP = XMPConst.NS_PHOTOSHOP;
    public static final String XMP = XMPConst.NS_XMP;
    public static final String XMP_MM = XMPConst.NS_XMP_MM;
    public static final String XMP_NOTE = XMPConst.NS_XMP_NOTE;
    public static final String EXIF = XMPConst.NS_EXIF;
    public static final String EXIF_EX = "http://cipa.jp/exif/1.0/";
    public static final String AUX = XMPConst.NS_EXIF_AUX;
    public static final String TIFF = XMPConst.NS_TIFF;
    public static final String IPTC_CORE = XMPConst.NS_IPTCCORE;
    public static final String IPTC_EXT = XMPConst.NS_IPTCEXT;

    private static volatile boolean registered;

    private XmpNamespaces() {
    }

    /** Registers the prefixes xmpcore does not know, or might know under another name. */
    public static void register() {
        if (registered) {
            return;
        }
        XMPSchemaRegistry registry = XMPMetaFactory.getSchemaRegistry();
        try {
            registry.registerNamespace(PLUS, "plus");
            registry.registerNamespace(EXIF_EX, "exifEX");
            registry.registerNamespace(IPTC_CORE, "Iptc4xmpCore");
            registry.registerNamespace(IPTC_EXT, "Iptc4xmpExt");
        } catch (XMPException e) {
            throw new IllegalStateException("xmpcore refused a namespace registration", e);
        }
        registered = true;
    }
}
