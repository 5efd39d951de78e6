package org.imageguard.proxy;

import java.util.Locale;
import java.util.Map;

/**
 * Content-Type of a static file by its extension. Images first (including WebP, AVIF and SVG, which older tables
 * lack); anything unknown is {@code application/octet-stream}, which browsers download rather than run.
 *
 * <pre>{@code
 * MediaTypes.of("photo.AVIF"); // image/avif
 * }</pre>
 */
final class MediaTypes {

    private static final String UTF8 = "; charset=utf-8";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
            Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/x-icon"), Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("jxl", "image/jxl"),
            Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"),
            Map.entry("html", "text/html" + UTF8), Map.entry("htm", "text/html" + UTF8),
            Map.entry("css", "text/css" + UTF8), Map.entry("js", "text/javascript" + UTF8),
            Map.entry("mjs", "text/javascript" + UTF8), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain" + UTF8), Map.entry("xml", "application/xml"),
            Map.entry("pdf", "application/pdf"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("wasm", "application/wasm"));

    private MediaTypes() {
    }

    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }
}
