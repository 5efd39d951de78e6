package org.imageguard.engine.xmp;

import java.util.Locale;
import java.util.Map;

/**
 * Which XMP properties are private, by category: the single list both {@code strip: privacy} and {@code inspect}
 * use. Location is any property whose name starts with {@code GPS} or mentions latitude/longitude, in any namespace
 * (drones write {@code drone-dji:GpsLatitude}), plus the IPTC and Photoshop location fields; then camera and lens
 * serial numbers, owner names, embedded thumbnails, comments, and edit history ({@code xmpMM:History},
 * {@code Ingredients}, {@code Pantry}, {@code DerivedFrom}, {@code photoshop:History}: they carry file paths and user
 * names, and a Pantry even carries whole packets of the source documents, GPS included).
 *
 * <pre>{@code
 * String category = XmpPrivacy.category(property); // "XMP GPS", ... or null when not private
 * }</pre>
 */
public final class XmpPrivacy {

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

    private XmpPrivacy() {
    }

    /** The report phrase of the property's category ({@code "XMP GPS"}, {@code "XMP location"}, ...), or null. */
    public static String category(XmpProperty property) {
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
