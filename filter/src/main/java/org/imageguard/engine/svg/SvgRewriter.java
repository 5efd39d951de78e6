package org.imageguard.engine.svg;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.svg.XmlOutline.RdfLocation;
import org.imageguard.engine.svg.XmlScanner.Markup;

/**
 * Embeds XMP in SVG as an {@code rdf:RDF} block inside {@code <metadata>}, by splicing bytes: the rest of the document
 * stays byte for byte as it was. Without RDF metadata, a {@code <metadata>} element becomes the first child of the
 * root (a self-closing {@code <svg/>} is opened and closed for it); with one, the first {@code rdf:RDF} inside a
 * {@code <metadata>} child of the root is handed to the plan as the existing XMP and replaced where it stands (with
 * its {@code x:xmpmeta} wrapper, if any). Other elements, including other metadata and other RDF blocks, are left
 * alone.
 *
 * <p>UTF-16 documents (either byte order) are rewritten through a UTF-8 twin and written back in UTF-16 with a
 * byte-order mark. Refused with {@link org.imageguard.engine.ImageFormatException}: other non-UTF-8 encodings, a
 * DOCTYPE declaring entities (never expanded: billion laughs), XML that is not well-formed, a root other than
 * {@code svg}.
 * The document is never loaded into a DOM and no DTD or external entity is ever fetched.
 *
 * <pre>{@code
 * byte[] out = new SvgRewriter().rewrite(svg, plan, new RewriteReport.Builder());
 * }</pre>
 */
public final class SvgRewriter implements FormatRewriter {

    @Override
    public ImageFormat format() {
        return ImageFormat.SVG;
    }

    @Override
    public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        Utf16Svg utf16 = Utf16Svg.detect(input);
        if (utf16 != null) {
            return utf16.rewrite(utf8 -> rewriteUtf8(utf8, plan, report));
        }
        return rewriteUtf8(input, plan, report);
    }

    private static byte[] rewriteUtf8(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        SvgSource svg = SvgSource.of(input);
        String text = svg.text();
        report.format(ImageFormat.SVG).dimensions(svg.dimensions().width(), svg.dimensions().height());
        String rdf = RdfBlock.fromPacket(plan.standardXmp(svg.existingXmp()));
        RdfLocation existing = svg.outline().rdf();
        String out;
        if (existing != null) {
            Span replaced = replaced(text, existing);
            out = text.substring(0, replaced.start()) + rdf + text.substring(replaced.end());
        } else {
            out = insertMetadata(text, svg.outline().root(), rdf);
            report.added("SVG <metadata> element");
        }
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public ImageMetadata read(byte[] input) {
        Utf16Svg utf16 = Utf16Svg.detect(input);
        SvgSource svg = SvgSource.of(utf16 == null ? input : utf16.utf8());
        return new ImageMetadata(ImageFormat.SVG, svg.dimensions().width(), svg.dimensions().height(), 1,
                svg.existingXmp(), null, List.of());
    }

    /** A range of the document: {@code text.substring(start, end)}. */
    private record Span(int start, int end) {
    }

    /**
     * What the new RDF replaces: the old RDF element, or the {@code x:xmpmeta} element holding nothing else, since
     * exiftool reads a wrapped RDF in SVG under other tag names ({@code SvgMetadataDataMining}).
     */
    private static Span replaced(String text, RdfLocation rdf) {
        Span element = new Span(rdf.start(), rdf.end());
        List<Markup> ancestors = rdf.ancestors();
        if (ancestors.size() != 3 || !ancestors.get(2).localName().equals("xmpmeta")) {
            return element;
        }
        Markup wrapper = ancestors.get(2);
        String endTag = "</" + wrapper.name();
        int wrapperEnd = text.indexOf(endTag, rdf.end());
        int close = wrapperEnd < 0 ? -1 : text.indexOf('>', wrapperEnd);
        boolean onlyRdfInside = close > 0 && text.substring(wrapper.end(), rdf.start()).isBlank()
                && text.substring(rdf.end(), wrapperEnd).isBlank()
                && text.substring(wrapperEnd + endTag.length(), close).isBlank();
        return onlyRdfInside ? new Span(wrapper.start(), close + 1) : element;
    }

    /** The RDF wrapped in a metadata element of the root's namespace prefix, right after the root start tag. */
    private static String insertMetadata(String text, Markup root, String rdf) {
        String metadata = "<" + root.prefix() + "metadata>" + rdf + "</" + root.prefix() + "metadata>";
        if (root.kind() == XmlScanner.Kind.EMPTY) {
            int slash = root.end() - 2;
            return text.substring(0, slash) + ">" + metadata + "</" + root.name() + ">" + text.substring(root.end());
        }
        return text.substring(0, root.end()) + metadata + text.substring(root.end());
    }
}
