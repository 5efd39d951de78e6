package org.imageguard.engine.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fuzzing;
import org.imageguard.testing.Mutations;
import org.imageguard.testing.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Mutated fixtures: the rewriter either refuses them with ImageFormatException or writes well-formed SVG. */
class SvgRewriterFuzzTest {

    /** Markup that moves the boundaries our scanner looks for. */
    private static final List<byte[]> TOKENS = Stream.of("<", ">", "/>", "\"", "'", "&", "&amp;", " ", "<!--", "-->",
            "<![CDATA[", "]]>", "<?", "?>", "<!ENTITY x \"y\">", "<metadata>", "</metadata>", "<rdf:RDF>",
            "</rdf:RDF>", "<svg>", "</svg>", " a=\">\"", "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" ",
            "\u00e9", "\uFEFF").map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();

    private static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private final SvgRewriter rewriter = new SvgRewriter();

    @Property(tries = 400, seed = "20261126")
    void onlyImageFormatExceptionOrWellFormedSvgWithOurXmp(@ForAll("mutants") byte[] input) throws Exception {
        Fuzzing.requireShare("rewritten", 1);
        byte[] out;
        try {
            out = rewriter.rewrite(input, FixedMetadataPlan.privacy().withCreator(), new RewriteReport.Builder());
        } catch (ImageFormatException refused) {
            assertRefusedWithReason(input, refused);
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("rewritten");
        assertThat(SecureXml.parse(out).getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(new String(rewriter.read(out).xmp(), StandardCharsets.UTF_8))
                .contains(FixedMetadataPlan.DATA_MINING);
    }

    /**
     * Mostly well-formed variants (markup that shifts offsets, inserted after a '>'; a few land inside a comment or
     * before the root and are refused): most must be rewritten, each into well-formed SVG.
     */
    @Property(tries = 200, seed = "20261126")
    void wellFormedVariantsAreRewrittenWithOurRdf(@ForAll("wellFormedVariants") byte[] input) throws Exception {
        byte[] out;
        try {
            out = rewriter.rewrite(input, FixedMetadataPlan.privacy().withCreator(), new RewriteReport.Builder());
            Statistics.collect("rewritten");
        } catch (ImageFormatException refused) {
            assertRefusedWithReason(input, refused);
            Statistics.collect("refused");
            return;
        } finally {
            Statistics.coverage(coverage -> coverage.check("rewritten").percentage(p -> p > 60));
        }
        Document svg = SecureXml.parse(out);
        assertThat(svg.getElementsByTagNameNS(RDF_NS, "RDF").getLength()).isBetween(1, 2);
        assertThat(new String(rewriter.read(out).xmp(), StandardCharsets.UTF_8))
                .contains(FixedMetadataPlan.DATA_MINING);
    }

    /**
     * We refuse only what a secure XML parser refuses too, besides what we refuse by policy though a parser may take
     * it: entity declarations, encodings other than UTF-8, a root other than svg.
     */
    private static void assertRefusedWithReason(byte[] input, ImageFormatException refused) {
        String reason = refused.getMessage();
        if (!reason.contains("<!ENTITY") && !reason.contains("expected encoding UTF-8")
                && !reason.contains("expected UTF-8") && !reason.contains("expected root element <svg>")) {
            assertThatThrownBy(() -> SecureXml.parse(input)).as("refused: " + reason)
                    .isInstanceOfAny(SAXException.class, IOException.class);
        }
    }

    @Provide
    Arbitrary<byte[]> wellFormedVariants() {
        List<String> snippets = List.of("<!-- > <svg> -->", "<g/>", "<g a=\"&gt;\" b='>'></g>", "<?pi <svg>?>",
                "<metadata/>", "<metadata><rdf:RDF xmlns:rdf=\"" + RDF_NS + "\"/></metadata>",
                "<metadata><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"" + RDF_NS
                        + "\"></rdf:RDF></x:xmpmeta></metadata>", "<text><![CDATA[</svg>]]></text>", "\n  ");
        return Combinators.combine(Arbitraries.of(Stream.of("plain.svg", "inkscape.svg", "tricky.svg", "xmpmeta-wrapped.svg")
                        .map(SvgRewriterTest::fixture).toList()), Arbitraries.of(snippets),
                Arbitraries.integers().greaterOrEqual(0)).as((seed, snippet, which) -> {
                    String text = new String(seed, StandardCharsets.UTF_8);
                    List<Integer> tagEnds = new ArrayList<>();
                    for (int i = text.indexOf('>'); i >= 0; i = text.indexOf('>', i + 1)) {
                        tagEnds.add(i + 1);
                    }
                    int at = tagEnds.get(which % tagEnds.size());
                    return (text.substring(0, at) + snippet + text.substring(at)).getBytes(StandardCharsets.UTF_8);
                });
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        return Mutations.of(Stream.of("plain.svg", "inkscape.svg", "tricky.svg", "self-closing.svg", "xmpmeta-wrapped.svg")
                .map(SvgRewriterTest::fixture).toList(), TOKENS);
    }
}
