package org.imageguard.engine.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.imageguard.engine.FormatRewriters;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.imageguard.testing.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;

/** Rewrites hand-written SVG fixtures and checks the results with a secure XML parser, exiftool and ImageMagick. */
class SvgRewriterTest {

    private static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    private final SvgRewriter rewriter = new SvgRewriter();

    @ParameterizedTest
    @ValueSource(strings = {"plain.svg", "inkscape.svg", "tricky.svg", "self-closing.svg", "xmpmeta-wrapped.svg"})
    void outputIsWellFormedWithOneRdfBlockInAMetadataChildOfTheRoot(String fixture) throws Exception {
        Document svg = SecureXml.parse(rewrite(fixture(fixture), FixedMetadataPlan.privacy().withCreator()));

        NodeList rdf = svg.getElementsByTagNameNS(RDF_NS, "RDF");
        assertThat(rdf.getLength()).isEqualTo(1);
        Element metadata = (Element) rdf.item(0).getParentNode();
        assertThat(metadata.getLocalName()).isEqualTo("metadata");
        assertThat(metadata.getNamespaceURI()).isEqualTo(SVG_NS);
        assertThat(metadata.getParentNode()).isSameAs(svg.getDocumentElement());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.svg", "inkscape.svg", "tricky.svg", "self-closing.svg", "xmpmeta-wrapped.svg"})
    void exiftoolReadsDataMiningAndCreatorWithoutNewWarnings(String fixture) {
        byte[] in = fixture(fixture);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        // exiftool extracts no packet from SVG, so read the tag: 12.57 gives the vocabulary URI, 13 only its code.
        String dataMining = Images.exiftool(out, "-b", "-XMP-plus:DataMining").out();
        String code = FixedMetadataPlan.DATA_MINING.substring(FixedMetadataPlan.DATA_MINING.lastIndexOf('/') + 1);
        assertThat(dataMining).isIn(FixedMetadataPlan.DATA_MINING, code);
        assertThat(Images.exiftool(out, "-X", "-a").out())
                .contains("<XMP-dc:Creator>" + FixedMetadataPlan.CREATOR + "</XMP-dc:Creator>");
        // exiftool's own XML reader stumbles on "</svg>" inside CDATA in tricky.svg: no warning beyond that one.
        List<String> before = Images.exiftool(in, "-a", "-warning").out().lines().toList();
        assertThat(Images.exiftool(out, "-a", "-warning").out().lines().toList()).isSubsetOf(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.svg", "inkscape.svg", "tricky.svg", "self-closing.svg", "xmpmeta-wrapped.svg"})
    void rendersTheSamePixels(String fixture) {
        byte[] in = fixture(fixture);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        assertThat(Images.rgba("svg", out)).isEqualTo(Images.rgba("svg", in));
    }

    @Test
    void metadataGoesRightAfterTheRootStartTagAndNothingElseChanges() {
        String in = text(fixture("plain.svg"));
        String out = text(rewrite(fixture("plain.svg"), FixedMetadataPlan.privacy().withCreator()));

        int rootEnd = in.indexOf('>', in.indexOf("<svg ")) + 1;
        assertThat(out).startsWith(in.substring(0, rootEnd)).endsWith(in.substring(rootEnd));
        String inserted = out.substring(rootEnd, out.length() - (in.length() - rootEnd));
        assertThat(inserted).startsWith("<metadata><rdf:RDF ").endsWith("</rdf:RDF></metadata>")
                .doesNotContain("xpacket").doesNotContain("xmpmeta");
    }

    @Test
    void rootStartTagIsFoundPastBomDoctypeCommentsAndGreaterThanInAttributes() {
        byte[] in = fixture("tricky.svg");
        String text = text(in);
        String out = text(rewrite(in, FixedMetadataPlan.privacy().withCreator()));

        String rootTag = "viewBox=\"0 0 24 16\">";
        int rootEnd = text.indexOf(rootTag) + rootTag.length();
        assertThat(out).startsWith(text.substring(0, rootEnd) + "<metadata><rdf:RDF ")
                .endsWith("</rdf:RDF></metadata>" + text.substring(rootEnd));
        assertThat(out).startsWith("\uFEFF<?xml");
    }

    @Test
    void selfClosingRootIsOpenedAndClosedAroundTheMetadata() {
        String out = text(rewrite(fixture("self-closing.svg"), FixedMetadataPlan.privacy().withCreator()));

        assertThat(out).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\" "
                + "style=\"background:#0f0\"><metadata><rdf:RDF ").endsWith("</rdf:RDF></metadata></svg>\n");
    }

    @Test
    void prefixedRootGetsAMetadataElementWithTheSamePrefix() throws Exception {
        byte[] in = bytes("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\">"
                + "<svg:rect width=\"2\" height=\"2\"/></svg:svg>");
        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        assertThat(text(out)).contains("<svg:metadata><rdf:RDF ");
        Element metadata = (Element) SecureXml.parse(out).getElementsByTagNameNS(RDF_NS, "RDF").item(0)
                .getParentNode();
        assertThat(metadata.getNamespaceURI()).isEqualTo(SVG_NS);
    }

    @Test
    void existingRdfReachesThePlanAsAParseablePacketAndIsReplacedInPlace() throws Exception {
        byte[] in = fixture("inkscape.svg");
        FixedMetadataPlan plan = FixedMetadataPlan.privacy().withCreator();
        String out = text(rewriter.rewrite(in, plan, new RewriteReport.Builder()));

        // The rdf and dc prefixes are declared on the root only: the packet must carry them along.
        XMPMeta existing = XMPMetaFactory.parseFromBuffer(plan.existingXmp());
        assertThat(existing.getArrayItem(XMPConst.NS_DC, "creator", 1).getValue()).isEqualTo("Jane Original");

        String text = text(in);
        int rdfStart = text.indexOf("<rdf:RDF>");
        int rdfEnd = text.indexOf("</rdf:RDF>") + "</rdf:RDF>".length();
        assertThat(out).startsWith(text.substring(0, rdfStart) + "<rdf:RDF ")
                .endsWith("</rdf:RDF>" + text.substring(rdfEnd));
        assertThat(Images.exiftool(out.getBytes(StandardCharsets.ISO_8859_1), "-X", "-a").out())
                .doesNotContain("Jane Original");
    }

    @Test
    void anXmpmetaWrapperIsReplacedWithTheRdfItHeld() {
        byte[] in = fixture("xmpmeta-wrapped.svg");
        FixedMetadataPlan plan = FixedMetadataPlan.privacy().withCreator();
        String out = text(rewriter.rewrite(in, plan, new RewriteReport.Builder()));

        assertThat(text(plan.existingXmp())).contains("Wrapped Author");
        String text = text(in);
        int wrapperStart = text.indexOf("<x:xmpmeta");
        int wrapperEnd = text.indexOf("</x:xmpmeta>") + "</x:xmpmeta>".length();
        assertThat(out).startsWith(text.substring(0, wrapperStart) + "<rdf:RDF ")
                .endsWith("</rdf:RDF>" + text.substring(wrapperEnd)).doesNotContain("xmpmeta");
        assertThat(Images.exiftool(out.getBytes(StandardCharsets.UTF_8), "-X", "-a").out())
                .doesNotContain("SvgMetadata");
    }

    @Test
    void dtdsAndExternalEntitiesAreNeverLoaded() {
        // Loading this DTD would fail; the rewrite succeeding shows nothing was fetched.
        byte[] in = bytes("<?xml version=\"1.0\"?>\n<!DOCTYPE svg SYSTEM \"file:///nonexistent/imageguard.dtd\">\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>");

        assertThat(text(rewrite(in, FixedMetadataPlan.privacy().withCreator()))).contains("<metadata><rdf:RDF ");
    }

    @Test
    void entityDeclarationsAreRefused() {
        byte[] laughs = bytes("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n <!ENTITY lol \"lol\">\n"
                + " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lol2;</text></svg>");

        assertThatThrownBy(() -> rewrite(laughs, FixedMetadataPlan.privacy().withCreator()))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("SVG at offset 39: expected no entity declarations, found <!ENTITY (entities are never "
                        + "expanded)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE"})
    void utf16IsRewrittenAndWrittenBackInUtf16WithItsByteOrderMark(String charsetName) throws Exception {
        java.nio.charset.Charset charset = java.nio.charset.Charset.forName(charsetName);
        String doc = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!-- caf\u00E9 -->\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"2\"><title>\u00E9t\u00E9</title>"
                + "<rect width=\"4\" height=\"2\" fill=\"#f00\"/></svg>\n";
        byte[] in = doc.getBytes(charset);

        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        String decoded = new String(out, charset);
        assertThat(decoded).startsWith("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!-- caf\u00E9 -->")
                .contains("<metadata><rdf:RDF ").contains("<title>\u00E9t\u00E9</title>");
        assertThat(SecureXml.parse(out).getElementsByTagNameNS(RDF_NS, "RDF").getLength()).isEqualTo(1);
        String dataMining = Images.exiftool(out, "-b", "-XMP-plus:DataMining").out();
        String code = FixedMetadataPlan.DATA_MINING.substring(FixedMetadataPlan.DATA_MINING.lastIndexOf('/') + 1);
        assertThat(dataMining).isIn(FixedMetadataPlan.DATA_MINING, code);
        assertThat(rewriter.read(in).width()).isEqualTo(4);
    }

    @Test
    void utf16WithoutByteOrderMarkIsRewrittenWithOne() {
        byte[] in = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_16LE);

        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        assertThat(new String(out, StandardCharsets.UTF_16LE)).startsWith("\uFEFF<svg ").contains("<metadata>");
    }

    @Test
    void utf16DeclaringAnotherEncodingIsRefused() {
        byte[] in = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"
                .getBytes(StandardCharsets.UTF_16);

        assertThatThrownBy(() -> rewriter.read(in)).isInstanceOf(ImageFormatException.class)
                .hasMessage("SVG at offset 0: expected encoding UTF-16 for a UTF-16 document, found ISO-8859-1");
    }

    @Test
    void aRootAfterAPrologLongerThanAnyWindowIsFoundAndRewritten() {
        String comment = "<!-- " + "x".repeat(64 * 1024) + " -->\n";
        byte[] in = bytes("<?xml version=\"1.0\"?>\n" + comment + "<?pi data?>\n<!DOCTYPE svg PUBLIC "
                + "\"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                + "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\"/>");

        assertThat(ImageFormat.sniff(in)).isEqualTo(ImageFormat.SVG);
        assertThat(text(rewrite(in, FixedMetadataPlan.privacy().withCreator()))).contains("<s:metadata><rdf:RDF ");
    }

    @Test
    void declaredEncodingsOtherThanUtf8AreRefused() {
        byte[] latin1 = bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>");

        assertThatThrownBy(() -> rewriter.read(latin1)).isInstanceOf(ImageFormatException.class)
                .hasMessage("SVG at offset 30: expected encoding UTF-8, found ISO-8859-1");
    }

    @Test
    void mismatchedEndTagsAreRefused() {
        byte[] in = bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>");

        assertThatThrownBy(() -> rewriter.read(in)).isInstanceOf(ImageFormatException.class)
                .hasMessage("SVG at offset 43: expected </g>, found </svg>");
    }

    @Test
    void xmlThatIsNotWellFormedIsRefusedByTheParser() {
        byte[] in = bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>fish & chips</text></svg>");

        assertThatThrownBy(() -> rewriter.read(in)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("expected well-formed XML");
    }

    @Test
    void undeclaredPrefixesAreRefused() {
        byte[] in = bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><metadata><rdf:RDF/></metadata></svg>");

        assertThatThrownBy(() -> rewriter.read(in)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("expected well-formed XML");
    }

    @Test
    void aRootOtherThanSvgIsRefused() {
        assertThatThrownBy(() -> rewriter.read(bytes("<html><body/></html>")))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("SVG at offset 0: expected root element <svg>, found <html>");
    }

    @Test
    void readReportsSizeAndExistingXmp() {
        ImageMetadata plain = rewriter.read(fixture("plain.svg"));
        assertThat(plain.format()).isEqualTo(ImageFormat.SVG);
        assertThat(List.of(plain.width(), plain.height(), plain.frames())).containsExactly(16, 12, 1);
        assertThat(plain.xmp()).isNull();
        assertThat(plain.exif()).isNull();

        ImageMetadata inkscape = rewriter.read(fixture("inkscape.svg"));
        assertThat(List.of(inkscape.width(), inkscape.height())).containsExactly(20, 10);
        assertThat(text(inkscape.xmp())).startsWith("<?xpacket begin=").contains("Jane Original");

        ImageMetadata percent = rewriter.read(fixture("tricky.svg"));
        assertThat(List.of(percent.width(), percent.height())).containsExactly(24, 16);

        ImageMetadata fractional = rewriter.read(bytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10.5\" "
                + "height=\"3em\"/>"));
        assertThat(List.of(fractional.width(), fractional.height())).containsExactly(0, 0);

        ImageMetadata pixels = rewriter.read(bytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30px\" "
                + "height=\"40.0\"/>"));
        assertThat(List.of(pixels.width(), pixels.height())).containsExactly(30, 40);
    }

    @Test
    void reportNamesTheFormatSizeAndTheInsertedElement() {
        RewriteReport.Builder builder = new RewriteReport.Builder();
        rewriter.rewrite(fixture("plain.svg"), FixedMetadataPlan.privacy().withCreator(), builder);

        RewriteReport report = builder.build(RewriteReport.REWRITTEN, 0, 0);
        assertThat(report.format()).isEqualTo(ImageFormat.SVG);
        assertThat(List.of(report.width(), report.height())).containsExactly(16, 12);
        assertThat(report.added()).contains("SVG <metadata> element");
    }

    @Test
    void isTheDefaultRewriterForSvg() {
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.SVG)).containsInstanceOf(SvgRewriter.class);
    }

    static byte[] fixture(String name) {
        return Fixtures.bytes(SvgRewriterTest.class, name);
    }

    private byte[] rewrite(byte[] in, FixedMetadataPlan plan) {
        return rewriter.rewrite(in, plan, new RewriteReport.Builder());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
