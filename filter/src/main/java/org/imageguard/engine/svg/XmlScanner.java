package org.imageguard.engine.svg;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * Walks the markup of an XML document held as a byte string (ISO-8859-1, one char per byte, so every index is a byte
 * offset into the file). It only finds where each piece of markup starts and ends; well-formedness is checked by
 * {@link SvgSource}. UTF-8 never uses bytes below 0x80 inside a multi-byte sequence, so scanning for ASCII
 * delimiters in the undecoded bytes is exact.
 *
 * <pre>
 * &lt;!-- ... --&gt;              COMMENT
 * &lt;![CDATA[ ... ]]&gt;         CDATA
 * &lt;? ... ?&gt;                 PI (the XML declaration too)
 * &lt;!DOCTYPE ... [ ... ]&gt;    DOCTYPE; an internal subset declaring an entity is refused
 * &lt;name attr="..."&gt;        START ('&gt;' inside quoted attribute values does not end the tag)
 * &lt;name ... /&gt;             EMPTY
 * &lt;/name&gt;                  END
 * </pre>
 *
 * <pre>{@code
 * XmlScanner scanner = new XmlScanner(text);
 * for (XmlScanner.Markup m = scanner.next(); m != null; m = scanner.next()) { ... }
 * }</pre>
 */
final class XmlScanner {

    enum Kind { START, EMPTY, END, COMMENT, CDATA, PI, DOCTYPE }

    /**
     * One piece of markup: {@code text.substring(start, end)} is all of it.
     *
     * @param name the qualified element name for START, EMPTY and END; empty otherwise
     */
    record Markup(Kind kind, int start, int end, String name) {

        /** The name without its prefix: {@code RDF} for {@code rdf:RDF}. */
        String localName() {
            return name.substring(name.indexOf(':') + 1);
        }

        /** The prefix with its colon, or "" when the name has none: {@code svg:} for {@code svg:svg}. */
        String prefix() {
            return name.substring(0, name.indexOf(':') + 1);
        }
    }

    private final String text;
    private int position;

    XmlScanner(String text) {
        this(text, 0);
    }

    XmlScanner(String text, int from) {
        this.text = text;
        this.position = from;
    }

    /** The next piece of markup, or null at the end of the document. */
    Markup next() {
        int lt = text.indexOf('<', position);
        if (lt < 0) {
            position = text.length();
            return null;
        }
        Markup markup;
        if (text.startsWith("<!--", lt)) {
            markup = new Markup(Kind.COMMENT, lt, endOf("-->", lt + 4, "comment"), "");
        } else if (text.startsWith("<![CDATA[", lt)) {
            markup = new Markup(Kind.CDATA, lt, endOf("]]>", lt + 9, "CDATA section"), "");
        } else if (text.startsWith("<?", lt)) {
            markup = new Markup(Kind.PI, lt, endOf("?>", lt + 2, "processing instruction"), "");
        } else if (text.startsWith("<!DOCTYPE", lt)) {
            markup = new Markup(Kind.DOCTYPE, lt, doctypeEnd(lt), "");
        } else if (text.startsWith("</", lt)) {
            markup = new Markup(Kind.END, lt, endOf(">", lt + 2, "end tag"), name(lt + 2));
        } else {
            int end = tagEnd(lt);
            markup = new Markup(text.charAt(end - 2) == '/' ? Kind.EMPTY : Kind.START, lt, end, name(lt + 1));
        }
        position = markup.end();
        return markup;
    }

    private int endOf(String terminator, int from, String what) {
        int at = text.indexOf(terminator, from);
        if (at < 0) {
            throw error(from, "expected '" + terminator + "' closing the " + what + ", found the end of the file");
        }
        return at + terminator.length();
    }

    private String name(int from) {
        int end = from;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        if (end == from) {
            throw error(from, "expected an element name, found " + describe(from));
        }
        return text.substring(from, end);
    }

    /** Name characters of XML, with every non-ASCII byte accepted: UTF-8 names are checked by the parser. */
    private static boolean isNameChar(char c) {
        return c >= 0x80 || Character.isLetterOrDigit(c) || c == ':' || c == '_' || c == '-' || c == '.';
    }

    /** The end of a start tag: the first '>' outside quoted attribute values. */
    private int tagEnd(int lt) {
        for (int i = lt + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = closingQuote(i);
            } else if (c == '>') {
                return i + 1;
            } else if (c == '<') {
                throw error(i, "expected '>' closing the tag at offset " + lt + ", found '<'");
            }
        }
        throw error(lt, "expected '>' closing the tag, found the end of the file");
    }

    private int doctypeEnd(int lt) {
        for (int i = lt + 9; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = closingQuote(i);
            } else if (c == '[') {
                i = internalSubsetEnd(i + 1);
            } else if (c == '>') {
                return i + 1;
            }
        }
        throw error(lt, "expected '>' closing the DOCTYPE, found the end of the file");
    }

    /**
     * Skips the internal subset up to its ']'. Entity declarations are refused outright: expanding them is how
     * billion-laughs and external-entity attacks work, and SVG has no need of them.
     */
    private int internalSubsetEnd(int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = closingQuote(i);
            } else if (text.startsWith("<!--", i)) {
                i = endOf("-->", i + 4, "comment") - 1;
            } else if (text.startsWith("<!ENTITY", i)) {
                throw error(i, "expected no entity declarations, found <!ENTITY (entities are never expanded)");
            } else if (c == ']') {
                return i;
            }
        }
        throw error(from, "expected ']' closing the DOCTYPE internal subset, found the end of the file");
    }

    private int closingQuote(int open) {
        int close = text.indexOf(text.charAt(open), open + 1);
        if (close < 0) {
            throw error(open, "expected a closing " + text.charAt(open) + ", found the end of the file");
        }
        return close;
    }

    private String describe(int at) {
        return at < text.length() ? String.format("0x%02X", (int) text.charAt(at)) : "the end of the file";
    }

    static ImageFormatException error(long offset, String problem) {
        return new ImageFormatException(ImageFormat.SVG, offset, problem);
    }

    static ImageFormatException error(long offset, String problem, Throwable cause) {
        return new ImageFormatException(ImageFormat.SVG, offset, problem, cause);
    }
}
