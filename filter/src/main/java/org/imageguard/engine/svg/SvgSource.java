package org.imageguard.engine.svg;

import static org.imageguard.engine.svg.XmlScanner.error;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.imageguard.engine.svg.XmlScanner.Markup;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An SVG file accepted for rewriting: UTF-8 (or ASCII), well-formed, namespace-well-formed, without entity
 * declarations. The check is a streaming SAX parse with secure processing on, no DTD or external entity ever loaded,
 * so that whatever we splice into the document lands in a document browsers and exiftool can read. The text is kept
 * as a byte string (ISO-8859-1 view of the bytes) so that offsets found in it are byte offsets.
 *
 * <pre>{@code
 * SvgSource svg = SvgSource.of(bytes); // ImageFormatException for UTF-16, <!ENTITY or malformed XML
 * svg.outline().rdf();                 // the first rdf:RDF in a metadata child of the root, or null
 * }</pre>
 */
record SvgSource(String text, XmlOutline outline) {

    /** RDF counts as the image's metadata only inside a {@code metadata} child of the root. */
    private static final Predicate<List<Markup>> IN_ROOT_METADATA =
            ancestors -> ancestors.size() >= 2 && ancestors.get(1).localName().equals("metadata");

    private static final Pattern ENCODING =
            Pattern.compile("^(?:\\xEF\\xBB\\xBF)?<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    static SvgSource of(byte[] file) {
        requireUtf8(file);
        String text = new String(file, StandardCharsets.ISO_8859_1);
        requireDeclaredUtf8(text);
        // Walking the markup first refuses <!ENTITY before any parser could expand one.
        XmlOutline outline = XmlOutline.scan(text, IN_ROOT_METADATA);
        requireWellFormed(file, text);
        if (!outline.root().localName().equals("svg")) {
            throw error(outline.root().start(), "expected root element <svg>, found <" + outline.root().name() + ">");
        }
        return new SvgSource(text, outline);
    }

    /** The root's size in whole pixels, 0 where it has none. */
    SvgDimensions dimensions() {
        return SvgDimensions.of(XmlAttributes.of(text.substring(outline.root().start(), outline.root().end())));
    }

    /** The document's own RDF metadata as a standard XMP packet, or null without any. */
    byte[] existingXmp() {
        return outline.rdf() == null ? null : RdfBlock.toPacket(RdfBlock.selfContained(text, outline.rdf()));
    }

    private static void requireUtf8(byte[] file) {
        if (file.length >= 2 && ((file[0] & 0xFF) == 0xFE && (file[1] & 0xFF) == 0xFF
                || (file[0] & 0xFF) == 0xFF && (file[1] & 0xFF) == 0xFE)) {
            throw error(0, "expected UTF-8, found a UTF-16 byte-order mark");
        }
        if (file.length >= 2 && (file[0] == 0 || file[1] == 0)) {
            throw error(0, "expected UTF-8, found a NUL byte (UTF-16 or UTF-32 without byte-order mark?)");
        }
    }

    private static void requireDeclaredUtf8(String text) {
        Matcher declared = ENCODING.matcher(text);
        if (declared.find()) {
            String encoding = declared.group(1).toUpperCase(Locale.ROOT);
            if (!encoding.equals("UTF-8") && !encoding.equals("UTF8") && !encoding.equals("US-ASCII")
                    && !encoding.equals("ASCII")) {
                throw error(declared.start(1), "expected encoding UTF-8, found " + declared.group(1));
            }
        }
    }

    private static void requireWellFormed(byte[] file, String text) {
        SAXParser parser = hardenedParser();
        try {
            DefaultHandler handler = new DefaultHandler() {
                @Override
                public InputSource resolveEntity(String publicId, String systemId) {
                    // Never fetch a DTD or an external entity: an empty one stands in.
                    return new InputSource(new ByteArrayInputStream(new byte[0]));
                }
            };
            parser.parse(new ByteArrayInputStream(file), handler);
        } catch (SAXParseException e) {
            throw error(offsetOf(text, e.getLineNumber(), e.getColumnNumber()), "expected well-formed XML, found: "
                    + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw error(0, "expected well-formed XML, found: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's own parser ({@code newDefaultInstance}: no service lookup, so no library on the class path can swap
     * in a parser without these features). A factory is not thread-safe: one per call.
     */
    private static SAXParser hardenedParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a security feature", e);
        }
    }

    /** The byte offset of a parser's line and column (1-based; columns count characters, close enough here). */
    private static long offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return text.length();
            }
        }
        return Math.min(text.length(), offset + (long) Math.max(column - 1, 0));
    }
}
