package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPMeta;
import org.imageguard.config.StripMode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Removes from the image's own XMP what {@code strip} says, before our properties are set on top.
 *
 * <ul>
 *   <li>{@code none}: nothing.</li>
 *   <li>{@code privacy}: location (any property whose name starts with {@code GPS} or mentions latitude/longitude, in
 *       any namespace — drones write {@code drone-dji:GpsLatitude}; the IPTC and Photoshop location fields), camera
 *       and lens serial numbers, owner names, embedded thumbnails, comments, and edit history ({@code xmpMM:History},
 *       {@code Ingredients}, {@code Pantry}, {@code DerivedFrom}, {@code photoshop:History}: they carry file paths
 *       and user names, and a Pantry even carries whole packets of the source documents, GPS included).</li>
 *   <li>{@code all}: everything except {@code tiff:Orientation}, which some viewers read from XMP.</li>
 * </ul>
 */
final class XmpStripper {

    private static final String LOCATION = "XMP location";
    private static final String SERIALS = "XMP serial numbers";
    private static final String OWNER = "XMP owner name";
    private static final String THUMBNAIL = "XMP thumbnail";
    private static final String HISTORY = "XMP edit history";
    private static final String COMMENT = "XMP comment";

    /** "namespace localName" → the report phrase of its category. */
    private static final Map<String, String> PRIVATE = Map.ofEntries(
            entry(XmpNamespaces.PHOTOSHOP, "City", LOCATION),
            entry(XmpNamespaces.PHOTOSHOP, "State", LOCATION),
            entry(XmpNamespaces.PHOTOSHOP, "Country", LOCATION),
            entry(XmpNamespaces.IPTC_CORE, "Location", LOCATION),
            entry(XmpNamespaces.IPTC_CORE, "CountryCode", LOCATION),
            entry(XmpNamespaces.IPTC_EXT, "LocationCreated", LOCATION),
            entry(XmpNamespaces.IPTC_EXT, "LocationShown", LOCATION),
            entry(XmpNamespaces.EXIF_EX, "BodySerialNumber", SERIALS),
            entry(XmpNamespaces.EXIF_EX, "LensSerialNumber", SERIALS),
            entry(XmpNamespaces.AUX, "SerialNumber", SERIALS),
            entry(XmpNamespaces.AUX, "LensSerialNumber", SERIALS),
            entry(XmpNamespaces.EXIF, "ImageUniqueID", SERIALS),
            entry(XmpNamespaces.EXIF_EX, "ImageUniqueID", SERIALS),
            entry(XmpNamespaces.EXIF_EX, "CameraOwnerName", OWNER),
            entry(XmpNamespaces.AUX, "OwnerName", OWNER),
            entry(XmpNamespaces.XMP, "Thumbnails", THUMBNAIL),
            entry(XmpNamespaces.PHOTOSHOP, "History", HISTORY),
            entry(XmpNamespaces.XMP_MM, "History", HISTORY),
            entry(XmpNamespaces.XMP_MM, "Ingredients", HISTORY),
            entry(XmpNamespaces.XMP_MM, "Pantry", HISTORY),
            entry(XmpNamespaces.XMP_MM, "DerivedFrom", HISTORY),
            entry(XmpNamespaces.XMP_MM, "Manifest", HISTORY),
            entry(XmpNamespaces.EXIF, "UserComment", COMMENT),
            entry(XmpNamespaces.EXIF, "MakerNote", "XMP MakerNote"));

    private XmpStripper() {
    }

    /** Strips {@code meta} in place and tells {@code removed} what went, one phrase per category with counts. */
    static void strip(XMPMeta meta, StripMode mode, Consumer<String> removed) {
        if (mode == StripMode.NONE) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (XmpProperty property : XmpProperty.topLevel(meta)) {
            String category = mode == StripMode.ALL ? allCategory(property) : privacyCategory(property);
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

    private static String privacyCategory(XmpProperty property) {
        String lower = property.localName().toLowerCase(Locale.ROOT);
        if (lower.startsWith("gps") || lower.contains("latitude") || lower.contains("longitude")) {
            return "XMP GPS";
        }
        return PRIVATE.get(key(property.namespace(), property.localName()));
    }

    private static Map.Entry<String, String> entry(String namespace, String localName, String category) {
        return Map.entry(key(namespace, localName), category);
    }

    private static String key(String namespace, String localName) {
        return namespace + ' ' + localName;
    }
}
