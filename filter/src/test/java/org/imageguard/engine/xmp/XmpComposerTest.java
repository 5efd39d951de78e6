package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import org.imageguard.config.DataMining;
import org.imageguard.config.ExistingXmp;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.Rights;
import org.imageguard.config.StripMode;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.XmpPackets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class XmpComposerTest {

    static final String PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";
    static final Rights RIGHTS = new Rights("© 2026 Example Photo", "Jane Doe", "Example Photo Agency",
            "https://example.com/licence", "No AI training.", "Example Licensing", "https://example.com/license");

    private final RewriteReport.Builder report = new RewriteReport.Builder();

    static ProtectionSettings settings(Rights rights, ExistingXmp existing, StripMode strip) {
        return new ProtectionSettings(DataMining.DMI_PROHIBITED, "", rights, existing, strip,
                HeaderSettings.DEFAULTS);
    }

    static XMPMeta parse(byte[] packet) throws XMPException {
        return XMPMetaFactory.parseFromBuffer(packet);
    }

    static byte[] packet(String rdfDescriptionBody) {
        String xml = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\""
                + " xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" xmlns:aux=\"http://ns.adobe.com/exif/1.0/aux/\""
                + " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:plus=\"" + PLUS + "\">"
                + rdfDescriptionBody
                + "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesDataMiningAsTheFullVocabularyUriInElementText() throws Exception {
        XmpComposer composer = new XmpComposer(ProtectionSettings.DEFAULTS);

        XmpPackets packets = composer.compose(null, null, 65502, report);

        String text = new String(packets.standard(), StandardCharsets.UTF_8);
        assertThat(text.contains("<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED</plus:DataMining>"))
                .as("DataMining as element text").isTrue();
        assertThat(parse(packets.standard()).getPropertyString(PLUS, "DataMining"))
                .isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        assertThat(parse(packets.standard()).getPropertyBoolean(XMPConst.NS_XMP_RIGHTS, "Marked")).isTrue();
        assertThat(packets.hasExtended()).isFalse();
        assertThat(report.build("rewritten", 0, 0).added())
                .containsExactly("XMP plus:DataMining DMI-PROHIBITED", "XMP xmpRights:Marked");
    }

    @Test
    void packetHasTheXpacketWrapperWithARealByteOrderMarkAndIsWritable() {
        byte[] standard = new XmpComposer(ProtectionSettings.DEFAULTS).compose(null, null, 65502, report).standard();

        String text = new String(standard, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>");
        assertThat(text.stripTrailing()).endsWith("<?xpacket end=\"w\"?>");
        assertThat(text.indexOf('\uFEFF')).isEqualTo(text.lastIndexOf('\uFEFF'));
    }

    @Test
    void writesEveryConfiguredRightsField() throws Exception {
        ProtectionSettings settings = new ProtectionSettings(DataMining.DMI_PROHIBITED_SEECONSTRAINT,
                "Ask us first.", RIGHTS, ExistingXmp.MERGE, StripMode.PRIVACY, HeaderSettings.DEFAULTS);

        XMPMeta meta = parse(new XmpComposer(settings).compose(null, null, 65502, report).standard());

        assertThat(meta.getPropertyString(PLUS, "DataMining"))
                .isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-SEECONSTRAINT");
        assertThat(meta.getLocalizedText(PLUS, "OtherConstraints", "", "x-default").getValue())
                .isEqualTo("Ask us first.");
        assertThat(meta.getLocalizedText(XMPConst.NS_DC, "rights", "", "x-default").getValue())
                .isEqualTo("© 2026 Example Photo");
        assertThat(meta.getArrayItem(XMPConst.NS_DC, "creator", 1).getValue()).isEqualTo("Jane Doe");
        assertThat(meta.getPropertyString(XMPConst.NS_PHOTOSHOP, "Credit")).isEqualTo("Example Photo Agency");
        assertThat(meta.getPropertyString(XMPConst.NS_XMP_RIGHTS, "WebStatement"))
                .isEqualTo("https://example.com/licence");
        assertThat(meta.getLocalizedText(XMPConst.NS_XMP_RIGHTS, "UsageTerms", "", "x-default").getValue())
                .isEqualTo("No AI training.");
        assertThat(meta.getStructField(PLUS, "Licensor[1]", PLUS, "LicensorName").getValue())
                .isEqualTo("Example Licensing");
        assertThat(meta.getStructField(PLUS, "Licensor[1]", PLUS, "LicensorURL").getValue())
                .isEqualTo("https://example.com/license");
    }

    @Test
    void allowedWithoutCopyrightIsNotMarked() throws Exception {
        ProtectionSettings settings = new ProtectionSettings(DataMining.DMI_ALLOWED, "", Rights.NONE,
                ExistingXmp.MERGE, StripMode.PRIVACY, HeaderSettings.DEFAULTS);

        XMPMeta meta = parse(new XmpComposer(settings).compose(null, null, 65502, report).standard());

        assertThat(meta.doesPropertyExist(XMPConst.NS_XMP_RIGHTS, "Marked")).isFalse();
        assertThat(meta.doesPropertyExist(XMPConst.NS_DC, "rights")).isFalse();
    }

    @Test
    void mergeKeepsTheImagesTitleAndCreator() throws Exception {
        byte[] existing = packet("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Sunset</rdf:li></rdf:Alt></dc:title>"
                + "<dc:creator><rdf:Seq><rdf:li>Original Author</rdf:li></rdf:Seq></dc:creator>");
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY));

        XMPMeta meta = parse(composer.compose(existing, null, 65502, report).standard());

        assertThat(meta.getLocalizedText(XMPConst.NS_DC, "title", "", "x-default").getValue()).isEqualTo("Sunset");
        assertThat(meta.getArrayItem(XMPConst.NS_DC, "creator", 1).getValue()).isEqualTo("Original Author");
        assertThat(meta.getPropertyString(PLUS, "DataMining")).endsWith("/DMI-PROHIBITED");
    }

    @Test
    void oursOverrideTheImagesValuesOfTheSameProperties() throws Exception {
        byte[] existing = packet("<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-ALLOWED</plus:DataMining>"
                + "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">Old</rdf:li>"
                + "<rdf:li xml:lang=\"de\">Alt</rdf:li></rdf:Alt></dc:rights>"
                + "<dc:creator><rdf:Seq><rdf:li>A</rdf:li><rdf:li>B</rdf:li></rdf:Seq></dc:creator>");
        XmpComposer composer = new XmpComposer(settings(RIGHTS, ExistingXmp.MERGE, StripMode.PRIVACY));

        XMPMeta meta = parse(composer.compose(existing, null, 65502, report).standard());

        assertThat(meta.getPropertyString(PLUS, "DataMining")).endsWith("/DMI-PROHIBITED");
        assertThat(meta.countArrayItems(XMPConst.NS_DC, "rights")).isEqualTo(1);
        assertThat(meta.getLocalizedText(XMPConst.NS_DC, "rights", "", "x-default").getValue())
                .isEqualTo("© 2026 Example Photo");
        assertThat(meta.countArrayItems(XMPConst.NS_DC, "creator")).isEqualTo(1);
        assertThat(meta.getArrayItem(XMPConst.NS_DC, "creator", 1).getValue()).isEqualTo("Jane Doe");
    }

    @Test
    void replaceDropsTheImagesPacket() throws Exception {
        byte[] existing = packet("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Sunset</rdf:li></rdf:Alt></dc:title>");
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.REPLACE, StripMode.NONE));

        XMPMeta meta = parse(composer.compose(existing, null, 65502, report).standard());

        assertThat(meta.doesPropertyExist(XMPConst.NS_DC, "title")).isFalse();
        assertThat(meta.getPropertyString(PLUS, "DataMining")).endsWith("/DMI-PROHIBITED");
        assertThat(report.build("rewritten", 0, 0).removed()).containsExactly("XMP packet (replaced)");
    }

    @Test
    void privacyRemovesLocationSerialsOwnerAndHistory() throws Exception {
        byte[] existing = packet("<exif:GPSLatitude>48,51.5N</exif:GPSLatitude><exif:GPSLongitude>2,17.6E</exif:GPSLongitude>"
                + "<photoshop:City>Paris</photoshop:City><aux:SerialNumber>123456</aux:SerialNumber>"
                + "<aux:OwnerName>Jane</aux:OwnerName>"
                + "<xmpMM:History><rdf:Seq><rdf:li rdf:parseType=\"Resource\"/></rdf:Seq></xmpMM:History>"
                + "<tiff:Orientation>6</tiff:Orientation><exif:ExposureTime>1/100</exif:ExposureTime>");
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY));

        XMPMeta meta = parse(composer.compose(existing, null, 65502, report).standard());

        assertThat(meta.doesPropertyExist(XMPConst.NS_EXIF, "GPSLatitude")).isFalse();
        assertThat(meta.doesPropertyExist(XMPConst.NS_EXIF, "GPSLongitude")).isFalse();
        assertThat(meta.doesPropertyExist(XMPConst.NS_PHOTOSHOP, "City")).isFalse();
        assertThat(meta.doesPropertyExist(XMPConst.NS_EXIF_AUX, "SerialNumber")).isFalse();
        assertThat(meta.doesPropertyExist(XMPConst.NS_EXIF_AUX, "OwnerName")).isFalse();
        assertThat(meta.doesPropertyExist(XMPConst.NS_XMP_MM, "History")).isFalse();
        assertThat(meta.getPropertyString(XMPConst.NS_TIFF, "Orientation")).isEqualTo("6");
        assertThat(meta.getPropertyString(XMPConst.NS_EXIF, "ExposureTime")).isEqualTo("1/100");
        assertThat(report.build("rewritten", 0, 0).removed()).contains("XMP GPS (2 properties)",
                "XMP location (1 property)", "XMP serial numbers (1 property)", "XMP owner name (1 property)",
                "XMP edit history (1 property)");
    }

    @Test
    void stripAllKeepsOnlyOursAndTheOrientation() throws Exception {
        byte[] existing = packet("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Sunset</rdf:li></rdf:Alt></dc:title>"
                + "<tiff:Orientation>6</tiff:Orientation><exif:ExposureTime>1/100</exif:ExposureTime>");
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.ALL));

        XMPMeta meta = parse(composer.compose(existing, null, 65502, report).standard());

        assertThat(XmpProperty.topLevel(meta)).extracting(XmpProperty::path)
                .containsExactlyInAnyOrder("tiff:Orientation", "plus:DataMining", "xmpRights:Marked");
    }

    @Test
    void stripNoneKeepsEverything() throws Exception {
        byte[] existing = packet("<exif:GPSLatitude>48,51.5N</exif:GPSLatitude>");
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.NONE));

        XMPMeta meta = parse(composer.compose(existing, null, 65502, report).standard());

        assertThat(meta.getPropertyString(XMPConst.NS_EXIF, "GPSLatitude")).isEqualTo("48,51.5N");
    }

    @Test
    void hostileConfigurationValuesAreEscapedAndSurviveARoundTrip() throws Exception {
        String hostile = "</rdf:li></rdf:Alt></dc:rights><x:evil/>&amp; \"quoted\" 'single' ]]> <!-- -->";
        Rights rights = new Rights(hostile, hostile, hostile, "https://e.test/?a=1&b=\"2\"", hostile, hostile, hostile);
        XmpComposer composer = new XmpComposer(settings(rights, ExistingXmp.MERGE, StripMode.PRIVACY));

        byte[] standard = composer.compose(null, null, 65502, report).standard();

        String text = new String(standard, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("<x:evil/>").doesNotContain("</rdf:li></rdf:Alt></dc:rights><x:evil");
        XMPMeta meta = parse(standard);
        assertThat(meta.getLocalizedText(XMPConst.NS_DC, "rights", "", "x-default").getValue()).isEqualTo(hostile);
        assertThat(meta.getPropertyString(XMPConst.NS_PHOTOSHOP, "Credit")).isEqualTo(hostile);
        assertThat(meta.getPropertyString(XMPConst.NS_XMP_RIGHTS, "WebStatement"))
                .isEqualTo("https://e.test/?a=1&b=\"2\"");
    }

    @Test
    void anUnreadableExistingPacketIsDroppedAndReported() throws Exception {
        byte[] broken = "<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
                .getBytes(StandardCharsets.UTF_8);
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY));

        XMPMeta meta = parse(composer.compose(broken, null, 65502, report).standard());

        assertThat(meta.getPropertyString(PLUS, "DataMining")).endsWith("/DMI-PROHIBITED");
        assertThat(report.build("rewritten", 0, 0).removed()).containsExactly("XMP packet unreadable, dropped");
    }

    @Test
    void anExtendedPacketWithAHugeListIsDroppedUnparsedAndTheStandardOneKept() throws Exception {
        // Photoshop's DocumentAncestors as found in a real wallpaper: far more items than xmpcore parses in time.
        String items = "<rdf:li>xmp.did:0001</rdf:li>".repeat(XmpParsing.MAX_ELEMENTS + 1);
        byte[] extended = packet("<photoshop:DocumentAncestors><rdf:Bag>" + items
                + "</rdf:Bag></photoshop:DocumentAncestors>");
        byte[] standard = packet("<dc:format>image/jpeg</dc:format>");
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY));

        XMPMeta meta = parse(composer.compose(standard, extended, 65502, report).standard());

        assertThat(meta.getPropertyString(PLUS, "DataMining")).endsWith("/DMI-PROHIBITED");
        assertThat(meta.getPropertyString(XMPConst.NS_DC, "format")).isEqualTo("image/jpeg");
        assertThat(meta.doesPropertyExist(XMPConst.NS_PHOTOSHOP, "DocumentAncestors")).isFalse();
        assertThat(report.build("rewritten", 0, 0).removed())
                .containsExactly("Extended XMP with over " + XmpParsing.MAX_ELEMENTS + " elements, dropped");
    }

    @Test
    void aPacketWithADoctypeIsRefusedSoEntitiesNeverExpand() throws Exception {
        byte[] bomb = ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"&b;\"/>"
                + "</rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY));

        XMPMeta meta = parse(composer.compose(bomb, null, 65502, report).standard());

        assertThat(meta.doesPropertyExist(XMPConst.NS_DC, "format")).isFalse();
        assertThat(report.build("rewritten", 0, 0).removed()).containsExactly("XMP packet unreadable, dropped");
    }

    @Test
    void deeplyNestedExistingXmpIsDroppedNotThrown() throws Exception {
        String open = "<rdf:Bag><rdf:li rdf:parseType=\"Resource\"><dc:x>".repeat(20_000);
        String close = "</dc:x></rdf:li></rdf:Bag>".repeat(20_000);
        byte[] deep = packet("<dc:subject>" + open + close + "</dc:subject>");
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY));

        XMPMeta meta = parse(composer.compose(deep, null, Integer.MAX_VALUE, report).standard());

        assertThat(meta.getPropertyString(PLUS, "DataMining")).endsWith("/DMI-PROHIBITED");
    }

    @Test
    void extendedXmpOfTheImageIsMergedIn() throws Exception {
        byte[] standard = packet("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Sunset</rdf:li></rdf:Alt></dc:title>"
                + "<xmpNote:HasExtendedXMP xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\">ABCDEF</xmpNote:HasExtendedXMP>");
        byte[] extended = packet("<photoshop:Instructions>Handle with care</photoshop:Instructions>");
        XmpComposer composer = new XmpComposer(settings(Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY));

        XmpPackets packets = composer.compose(standard, extended, 65502, report);

        XMPMeta meta = parse(packets.standard());
        assertThat(meta.getPropertyString(XMPConst.NS_PHOTOSHOP, "Instructions")).isEqualTo("Handle with care");
        assertThat(meta.doesPropertyExist(XMPConst.NS_XMP_NOTE, "HasExtendedXMP")).isFalse();
        assertThat(packets.hasExtended()).isFalse();
    }

    @Test
    void aPacketTooLargeForJpegSplitsWithTheStatementInTheStandardPart() throws Exception {
        String big = "x".repeat(40_000);
        byte[] existing = packet("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + big
                + "</rdf:li></rdf:Alt></dc:description><photoshop:Instructions>" + big.replace('x', 'y')
                + "</photoshop:Instructions><dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Sunset</rdf:li>"
                + "</rdf:Alt></dc:title>");
        assertThat(existing.length).isGreaterThan(65502);
        XmpComposer composer = new XmpComposer(settings(RIGHTS, ExistingXmp.MERGE, StripMode.PRIVACY));

        XmpPackets packets = composer.compose(existing, null, 65502, report);

        assertThat(packets.standard().length).isLessThanOrEqualTo(65502);
        assertThat(packets.hasExtended()).isTrue();
        String md5 = HexFormat.of().withUpperCase()
                .formatHex(MessageDigest.getInstance("MD5").digest(packets.extended()));
        assertThat(packets.extendedGuid()).isEqualTo(md5).matches("[0-9A-F]{32}");
        XMPMeta standard = parse(packets.standard());
        assertThat(standard.getPropertyString(PLUS, "DataMining")).endsWith("/DMI-PROHIBITED");
        assertThat(standard.getLocalizedText(XMPConst.NS_DC, "rights", "", "x-default").getValue())
                .isEqualTo("© 2026 Example Photo");
        assertThat(standard.getPropertyString(XMPConst.NS_XMP_NOTE, "HasExtendedXMP")).isEqualTo(md5);
        assertThat(standard.getLocalizedText(XMPConst.NS_DC, "title", "", "x-default").getValue())
                .isEqualTo("Sunset");
        XMPMeta extended = parse(packets.extended());
        assertThat(XmpProperty.topLevel(extended)).isNotEmpty();
        assertThat(valueIn(standard, extended, XMPConst.NS_PHOTOSHOP, "Instructions")).isEqualTo(big.replace('x', 'y'));
        assertThat(valueIn(standard, extended, XMPConst.NS_DC, "description[1]")).isEqualTo(big);
        assertThat(new String(packets.extended(), StandardCharsets.UTF_8)).doesNotContain("xpacket");
    }

    /** A moved property is in the extended packet, a kept one in the standard: either way nothing was lost. */
    private static String valueIn(XMPMeta standard, XMPMeta extended, String namespace, String path)
            throws XMPException {
        String name = path.replaceAll("\\[.*", "");
        XMPMeta holder = extended.doesPropertyExist(namespace, name) ? extended : standard;
        return holder.getPropertyString(namespace, path);
    }

    @Test
    void withoutExistingXmpTheSamePrecomputedPacketIsServedEachTime() {
        XmpComposer composer = new XmpComposer(ProtectionSettings.DEFAULTS);

        byte[] first = composer.compose(null, null, 65502, report).standard();
        byte[] second = composer.compose(null, null, 65502, report).standard();

        assertThat(second).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void oneComposerServesManyThreadsAtOnce() throws Exception {
        XmpComposer composer = new XmpComposer(settings(RIGHTS, ExistingXmp.MERGE, StripMode.PRIVACY));
        byte[] existing = packet("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Sunset</rdf:li></rdf:Alt></dc:title>"
                + "<exif:GPSLatitude>48,51.5N</exif:GPSLatitude>");
        byte[] expected = composer.compose(existing, null, 65502, new RewriteReport.Builder()).standard();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> composer.compose(existing, null, 65502, new RewriteReport.Builder())
                        .standard()));
            }
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
