package org.imageguard.proxy;

import java.util.Locale;
import org.eclipse.jetty.http.MimeTypes;

/**
 * Content-Type of a static file by its extension, from Jetty's table of media types (the one its own static file
 * serving uses), plus JPEG XL and HEIC/HEIF, which the table lacks. Text types are sent as UTF-8, what a site's files are today;
 * anything unknown is {@code application/octet-stream}, which browsers download rather than run.
 *
 * <pre>{@code
 * MediaTypes.of("photo.AVIF"); // image/avif
 * MediaTypes.of("index.html"); // text/html; charset=utf-8
 * }</pre>
 */
final class MediaTypes {

    private static final MimeTypes TYPES = withImages();

    private MediaTypes() {
    }

    private static MimeTypes withImages() {
        MimeTypes.Mutable types = new MimeTypes.Mutable(MimeTypes.DEFAULTS);
        types.addMimeMapping("jxl", "image/jxl");
        types.addMimeMapping("heic", "image/heic");
        types.addMimeMapping("heif", "image/heif");
        return types;
    }

    static String of(String fileName) {
        String type = TYPES.getMimeByExtension(fileName.toLowerCase(Locale.ROOT));
        if (type == null) {
            return "application/octet-stream";
        }
        boolean text = type.startsWith("text/") || type.equals("application/xml") || type.endsWith("+xml")
                && !type.startsWith("image/");
        return text && !type.contains(";") ? type + "; charset=utf-8" : type;
    }
}
