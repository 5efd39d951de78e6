package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPMeta;
import org.imageguard.config.StripMode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Removes from the image's own XMP what {@code strip} says, before our properties are set on top.
 *
 * <ul>
 *   <li>{@code none}: nothing.</li>
 *   <li>{@code privacy}: what {@link XmpPrivacy} lists — location, serial numbers, owner names, thumbnails,
 *       comments, edit history.</li>
 *   <li>{@code all}: everything except {@code tiff:Orientation}, which some viewers read from XMP.</li>
 * </ul>
 */
final class XmpStripper {

    private XmpStripper() {
    }

    /** Strips {@code meta} in place and tells {@code removed} what went, one phrase per category with counts. */
    static void strip(XMPMeta meta, StripMode mode, Consumer<String> removed) {
        if (mode == StripMode.NONE) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (XmpProperty property : XmpProperty.topLevel(meta)) {
            String category = mode == StripMode.ALL ? allCategory(property) : XmpPrivacy.category(property);
            if (category != null) {
                meta.deleteProperty(property.namespace(), property.path());
                counts.merge(category, 1, Integer::sum);
            }
        }
        counts.forEach((category, count) -> removed.accept(category + " (" + count + (count == 1
                ? " property)" : " properties)")));
    }

    private static String allCategory(XmpProperty property) {
        return property.is(XmpNamespaces.TIFF, "Orientation") ? null : "XMP";
    }
}
