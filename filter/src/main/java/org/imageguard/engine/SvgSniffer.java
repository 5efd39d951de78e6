package org.imageguard.engine;

/**
 * SVG has no magic bytes: it is XML whose root element is {@code svg}, with or without a prefix ({@code <s:svg>}).
 * The sniffer walks the prolog the way a parser would — byte-order mark, XML declaration, processing instructions,
 * comments, a DOCTYPE with its internal subset, whitespace — however long it is, and looks at the name of the first
 * element. UTF-8 (and ASCII) and UTF-16 in either byte order (with a byte-order mark, or told by the NUL byte
 * next to the first {@code <}) are read; nothing is decoded into a new buffer, so a large body costs one pass at most.
 * An HTML page, or anything whose first element is not {@code svg}, is not SVG.
 */
final class SvgSniffer {

    private SvgSniffer() {
    }

    static boolean looksLikeSvg(byte[] data, int length) {
        Text text = Text.of(data, Math.min(length, data.length));
        return text != null && rootIsSvg(text);
    }

    /** The document's characters, one code unit at a time, without decoding the whole body. */
    private record Text(byte[] data, int start, int length, Encoding encoding) {

        enum Encoding { BYTES, UTF16_BE, UTF16_LE }

        static Text of(byte[] data, int length) {
            if (length >= 2 && (data[0] & 0xFF) == 0xFE && (data[1] & 0xFF) == 0xFF) {
                return new Text(data, 2, length, Encoding.UTF16_BE);
            }
            if (length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE) {
                return new Text(data, 2, length, Encoding.UTF16_LE);
            }
            if (length >= 2 && data[0] == 0 && data[1] == '<') {
                return new Text(data, 0, length, Encoding.UTF16_BE);
            }
            if (length >= 2 && data[0] == '<' && data[1] == 0) {
                return new Text(data, 0, length, Encoding.UTF16_LE);
            }
            boolean bom = length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB
                    && (data[2] & 0xFF) == 0xBF;
            return new Text(data, bom ? 3 : 0, length, Encoding.BYTES);
        }

        /** How many code units there are. */
        int size() {
            return encoding == Encoding.BYTES ? length - start : (length - start) / 2;
        }

        /** The code unit at {@code index}; any byte at or above 0x80 reads as itself, which no delimiter matches. */
        char at(int index) {
            if (encoding == Encoding.BYTES) {
                return (char) (data[start + index] & 0xFF);
            }
            int at = start + 2 * index;
            int hi = encoding == Encoding.UTF16_BE ? data[at] : data[at + 1];
            int lo = encoding == Encoding.UTF16_BE ? data[at + 1] : data[at];
            return (char) ((hi & 0xFF) << 8 | lo & 0xFF);
        }

        boolean startsWith(String prefix, int index) {
            if (index + prefix.length() > size()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (at(index + i) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The index of the first {@code needle} at or after {@code from}, or -1. */
        int indexOf(String needle, int from) {
            for (int i = from; i + needle.length() <= size(); i++) {
                if (startsWith(needle, i)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static boolean rootIsSvg(Text text) {
        int i = 0;
        int size = text.size();
        while (i < size) {
            char c = text.at(i);
            if (isSpace(c)) {
                i++;
            } else if (text.startsWith("<!--", i)) {
                i = after(text, "-->", i + 4);
            } else if (text.startsWith("<?", i)) {
                i = after(text, "?>", i + 2);
            } else if (text.startsWith("<!DOCTYPE", i)) {
                i = afterDoctype(text, i + 9);
            } else if (c == '<') {
                return isSvgName(text, i + 1);
            } else {
                return false;
            }
            if (i < 0) {
                return false;
            }
        }
        return false;
    }

    private static int after(Text text, String end, int from) {
        int found = text.indexOf(end, from);
        return found < 0 ? -1 : found + end.length();
    }

    /** Past the DOCTYPE's closing {@code >}: quoted literals and the bracketed internal subset are skipped whole. */
    private static int afterDoctype(Text text, int from) {
        int depth = 0;
        for (int i = from; i < text.size(); i++) {
            char c = text.at(i);
            if (c == '"' || c == '\'') {
                int close = text.indexOf(String.valueOf(c), i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether the element name at {@code from} is {@code svg} or {@code prefix:svg}, followed by its end. */
    private static boolean isSvgName(Text text, int from) {
        int end = from;
        while (end < text.size() && !isSpace(text.at(end)) && text.at(end) != '>' && text.at(end) != '/') {
            end++;
        }
        if (end == text.size() || end - from < 3) {
            return false;
        }
        int colon = -1;
        for (int i = from; i < end; i++) {
            if (text.at(i) == ':') {
                colon = i;
            }
        }
        int local = colon < 0 ? from : colon + 1;
        return end - local == 3 && text.startsWith("svg", local) && (colon < 0 || colon > from);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
