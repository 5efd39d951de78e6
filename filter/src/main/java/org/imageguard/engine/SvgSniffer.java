package org.imageguard.engine;

import java.nio.charset.StandardCharsets;

/**
 * SVG has no magic bytes: it is XML whose root element is {@code svg}. Looking for {@code <svg} within the first
 * kilobyte, after an optional BOM, XML declaration, comments and doctype, is what browsers' sniffers do in spirit.
 */
final class SvgSniffer {

    private static final int WINDOW = 1024;

    private SvgSniffer() {
    }

    static boolean looksLikeSvg(byte[] data, int length) {
        int n = Math.min(length, WINDOW);
        String head = new String(data, 0, n, StandardCharsets.ISO_8859_1);
        int start = head.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
        String trimmed = head.substring(start).stripLeading();
        if (!trimmed.startsWith("<")) {
            return false;
        }
        return head.contains("<svg");
    }
}
