package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPIterator;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPPropertyInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A top-level XMP property: its namespace URI and its path as xmpcore spells it ({@code prefix:LocalName}). Struct
 * fields, array items and qualifiers live under their top-level property and move or go with it.
 *
 * <pre>{@code
 * for (XmpProperty p : XmpProperty.topLevel(meta)) { meta.deleteProperty(p.namespace(), p.path()); }
 * }</pre>
 */
public record XmpProperty(String namespace, String path) {

    /** The name without its prefix, e.g. {@code GPSLatitude}. */
    public String localName() {
        return path.substring(path.indexOf(':') + 1);
    }

    public boolean is(String otherNamespace, String otherLocalName) {
        return namespace.equals(otherNamespace) && localName().equals(otherLocalName);
    }

    /** Every top-level property of {@code meta}, in document order. */
    public static List<XmpProperty> topLevel(XMPMeta meta) {
        List<XmpProperty> result = new ArrayList<>();
        try {
            XMPIterator it = meta.iterator();
            while (it.hasNext()) {
                XMPPropertyInfo info = (XMPPropertyInfo) it.next();
                String path = info.getPath();
                // Schema nodes have no path; nested nodes have '/' (fields, qualifiers) or '[' (items).
                if (path != null && !path.isEmpty() && path.indexOf('/') < 0 && path.indexOf('[') < 0) {
                    result.add(new XmpProperty(info.getNamespace(), path));
                }
            }
        } catch (XMPException e) {
            throw new IllegalStateException("xmpcore could not iterate a parsed packet", e);
        }
        return result;
    }
}
