package org.imageguard.engine.svg;

import static org.imageguard.engine.svg.XmlScanner.error;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.imageguard.engine.svg.XmlScanner.Markup;

/**
 * What the rewriters need to know about an XML document: its root start tag and the first {@code RDF} element found
 * where the caller looks for it. Element nesting is checked (every end tag closes the element that is open), so the
 * offsets can be trusted for splicing.
 *
 * <pre>{@code
 * XmlOutline outline = XmlOutline.scan(text, XmlOutline.ANYWHERE);
 * outline.root();  // the root start tag
 * outline.rdf();   // null when there is no RDF element
 * }</pre>
 *
 * @param root the root element's start tag (EMPTY when it is self-closing)
 * @param rdf  the first RDF element accepted by the caller's predicate, or null
 */
record XmlOutline(Markup root, RdfLocation rdf) {

    /** Accepts an RDF element at any depth. */
    static final Predicate<List<Markup>> ANYWHERE = ancestors -> true;

    /**
     * Where an RDF element lies.
     *
     * @param startTag  its start tag (EMPTY for {@code <rdf:RDF/>})
     * @param end       the offset just after its end tag
     * @param ancestors the start tags of the elements enclosing it, outermost first: their namespace
     *                  declarations are in scope for it
     */
    record RdfLocation(Markup startTag, int end, List<Markup> ancestors) {

        int start() {
            return startTag.start();
        }
    }

    /**
     * @param where which RDF element counts, given the start tags of its ancestors (outermost first)
     */
    static XmlOutline scan(String text, Predicate<List<Markup>> where) {
        XmlScanner scanner = new XmlScanner(text);
        List<Markup> open = new ArrayList<>();
        Markup root = null;
        Markup rdfStart = null;
        List<Markup> rdfAncestors = List.of();
        RdfLocation rdf = null;
        for (Markup m = scanner.next(); m != null; m = scanner.next()) {
            if (m.kind() == XmlScanner.Kind.START || m.kind() == XmlScanner.Kind.EMPTY) {
                if (open.isEmpty()) {
                    if (root != null) {
                        throw error(m.start(), "expected one root element, found a second: <" + m.name() + ">");
                    }
                    root = m;
                }
                if (rdf == null && rdfStart == null && m.localName().equals("RDF") && where.test(open)) {
                    rdfStart = m;
                    rdfAncestors = List.copyOf(open);
                    rdf = m.kind() == XmlScanner.Kind.EMPTY ? new RdfLocation(m, m.end(), rdfAncestors) : null;
                }
                if (m.kind() == XmlScanner.Kind.START) {
                    open.add(m);
                }
            } else if (m.kind() == XmlScanner.Kind.END) {
                Markup closed = close(open, m);
                if (closed == rdfStart && rdf == null) {
                    rdf = new RdfLocation(rdfStart, m.end(), rdfAncestors);
                }
            }
        }
        if (root == null) {
            throw error(0, "expected a root element, found none");
        }
        if (!open.isEmpty()) {
            throw error(text.length(), "expected </" + open.get(open.size() - 1).name() + ">, found the end of the file");
        }
        return new XmlOutline(root, rdf);
    }

    private static Markup close(List<Markup> open, Markup end) {
        if (open.isEmpty()) {
            throw error(end.start(), "expected no end tag after the root element, found </" + end.name() + ">");
        }
        Markup innermost = open.remove(open.size() - 1);
        if (!innermost.name().equals(end.name())) {
            throw error(end.start(), "expected </" + innermost.name() + ">, found </" + end.name() + ">");
        }
        return innermost;
    }
}
