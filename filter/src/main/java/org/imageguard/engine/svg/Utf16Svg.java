package org.imageguard.engine.svg;

import static org.imageguard.engine.svg.XmlScanner.error;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SVG document in UTF-16, either byte order: rewritten through its UTF-8 twin, so that the rewriter proper only
 * ever sees UTF-8 and the output goes back to UTF-16 in the input's byte order, with a byte-order mark. The XML
 * declaration's encoding name is swapped to UTF-8 for the rewrite and back afterwards, so the output declares what
 * it is.
 *
 * <pre>{@code
 * Utf16Svg utf16 = Utf16Svg.detect(bytes);      // null for anything else
 * byte[] out = utf16.rewrite(utf8 -> rewriter.rewriteUtf8(utf8));
 * }</pre>
 */
record Utf16Svg(Charset charset, String declaredEncoding, byte[] utf8) {

    private static final Pattern ENCODING =
            Pattern.compile("^\uFEFF?(<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"'])([A-Za-z0-9._-]+)([\"'])");

    /** The document as UTF-8 when {@code file} is UTF-16 (by byte-order mark or by a NUL byte next to '<'), or null. */
    static Utf16Svg detect(byte[] file) {
        Charset charset = utf16Charset(file);
        if (charset == null) {
            return null;
        }
        int bom = hasBom(file) ? 2 : 0;
        String text = decode(file, bom, charset);
        Matcher declared = ENCODING.matcher(text);
        String encoding = null;
        if (declared.find()) {
            encoding = declared.group(2);
            if (!encoding.toUpperCase(Locale.ROOT).startsWith("UTF-16")) {
                throw error(0, "expected encoding UTF-16 for a UTF-16 document, found " + encoding);
            }
            text = declared.replaceFirst("$1UTF-8$3");
        }
        return new Utf16Svg(charset, encoding, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The rewrite of the UTF-8 twin, encoded back as UTF-16 in the input's byte order with a byte-order mark. */
    byte[] rewrite(UnaryOperator<byte[]> utf8Rewrite) {
        String out = new String(utf8Rewrite.apply(utf8), StandardCharsets.UTF_8);
        if (declaredEncoding != null) {
            out = ENCODING.matcher(out).replaceFirst("$1" + Matcher.quoteReplacement(declaredEncoding) + "$3");
        }
        if (!out.startsWith("\uFEFF")) {
            out = "\uFEFF" + out;
        }
        return out.getBytes(charset);
    }

    private static Charset utf16Charset(byte[] file) {
        if (file.length < 2) {
            return null;
        }
        int b0 = file[0] & 0xFF;
        int b1 = file[1] & 0xFF;
        if (b0 == 0xFE && b1 == 0xFF || b0 == 0 && b1 == '<') {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xFF && b1 == 0xFE || b0 == '<' && b1 == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static boolean hasBom(byte[] file) {
        int b0 = file[0] & 0xFF;
        int b1 = file[1] & 0xFF;
        return b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE;
    }

    /** Strict decoding: an unpaired surrogate or an odd trailing byte is an error, not a replacement character. */
    private static String decode(byte[] file, int from, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file, from, file.length - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw error(from, "expected valid " + charset.name() + ", found: " + e.getMessage(), e);
        }
    }
}
