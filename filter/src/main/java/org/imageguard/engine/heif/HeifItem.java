package org.imageguard.engine.heif;

/**
 * One item of the {@code iinf} box.
 *
 * @param type        the item type ({@code av01}, {@code hvc1}, {@code grid}, {@code Exif}, {@code mime}...)
 * @param contentType the MIME type of a {@code mime} item, else empty
 * @param infe        the item's {@code infe} box, copied as it is when the item stays
 */
record HeifItem(long id, String type, String contentType, HeifBox infe) {

    static final String XMP_CONTENT_TYPE = "application/rdf+xml";

    boolean isExif() {
        return type.equals("Exif");
    }

    boolean isXmp() {
        return type.equals("mime") && contentType.equals(XMP_CONTENT_TYPE);
    }
}
