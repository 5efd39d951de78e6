package org.imageguard.engine.inspect;

import org.imageguard.config.DataMining;
import org.imageguard.config.ExistingXmp;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.Rights;
import org.imageguard.config.StripMode;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.exif.ExifCleaner;
import org.imageguard.engine.xmp.XmpComposer;
import org.imageguard.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProtectionInspectorTest {

    private static final byte[] EXIF = Fixtures.bytes(ProtectionInspectorTest.class,
            "/org/imageguard/engine/exif/exif-le.bin");

    private final ProtectionInspector inspector = new ProtectionInspector();

    private static ImageMetadata jpeg(byte[] xmp, byte[] exif, String... others) {
        return new ImageMetadata(ImageFormat.JPEG, 16, 12, 1, xmp, exif, List.of(others));
    }

    private static byte[] packet(String body) {
        return ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:plus=\"http://ns.useplus.org/ldf/xmp/1.0/\""
                + " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">"
                + body + "</rdf:Description></rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatTheComposerWrote() {
        Rights rights = new Rights("© Example", "Jane Doe", "Agency", "https://e.test/licence", "No AI", "Lic",
                "https://e.test/lic");
        ProtectionSettings settings = new ProtectionSettings(DataMining.DMI_PROHIBITED_GENAIMLTRAINING, "", rights,
                ExistingXmp.MERGE, StripMode.PRIVACY, HeaderSettings.DEFAULTS);
        byte[] xmp = new XmpComposer(settings).compose(null, null, 65502, new RewriteReport.Builder()).standard();

        ProtectionReport report = inspector.inspect(jpeg(xmp, null));

        assertThat(report.dataMining()).isEqualTo("DMI-PROHIBITED-GENAIMLTRAINING");
        assertThat(report.prohibitsDataMining()).isTrue();
        assertThat(report.rights()).containsEntry("dc:rights", "© Example").containsEntry("dc:creator", "Jane Doe")
                .containsEntry("photoshop:Credit", "Agency").containsEntry("xmpRights:Marked", "True")
                .containsEntry("xmpRights:WebStatement", "https://e.test/licence")
                .containsEntry("xmpRights:UsageTerms", "No AI").containsEntry("plus:LicensorName", "Lic")
                .containsEntry("plus:LicensorURL", "https://e.test/lic");
        assertThat(report.privacyFindings()).isEmpty();
        assertThat(report.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(report.width()).isEqualTo(16);
    }

    @Test
    void acceptsTheResourceFormAndABareCode() {
        byte[] resource = packet("<plus:DataMining rdf:resource=\"http://ns.useplus.org/ldf/vocab/DMI-ALLOWED\"/>");
        byte[] bare = packet("<plus:DataMining>dmi-prohibited-seeconstraint</plus:DataMining>");

        assertThat(inspector.inspect(jpeg(resource, null)).dataMining()).isEqualTo("DMI-ALLOWED");
        assertThat(inspector.inspect(jpeg(resource, null)).prohibitsDataMining()).isFalse();
        assertThat(inspector.inspect(jpeg(bare, null)).dataMining()).isEqualTo("DMI-PROHIBITED-SEECONSTRAINT");
    }

    @Test
    void anObsoleteCodeIsShownAsWritten() {
        byte[] draft = packet("<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-ALLOWED-noaitraining"
                + "</plus:DataMining>");

        ProtectionReport report = inspector.inspect(jpeg(draft, null));

        assertThat(report.dataMining()).isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-ALLOWED-noaitraining");
        assertThat(report.prohibitsDataMining()).isFalse();
    }

    @Test
    void noXmpMeansNoDataMining() {
        assertThat(inspector.inspect(jpeg(null, null)).dataMining()).isNull();
    }

    @Test
    void findsPrivateDataInExifAndXmp() {
        byte[] xmp = packet("<exif:GPSLatitude>48,51.5N</exif:GPSLatitude><photoshop:City>Paris</photoshop:City>");

        ProtectionReport report = inspector.inspect(jpeg(xmp, EXIF, "COM comment", "APP13 IPTC", "APP2 ICC profile"));

        assertThat(report.privacyFindings()).contains("XMP GPS", "XMP location", "EXIF GPS", "EXIF thumbnail",
                "EXIF serial numbers", "EXIF owner name", "EXIF comments", "Text metadata (COM comment)",
                "IPTC metadata (APP13 IPTC)");
        assertThat(report.privacyFindings()).noneMatch(f -> f.contains("ICC"));
        assertThat(report.rights()).containsEntry("EXIF Copyright", "(c) 2026 Example")
                .containsEntry("EXIF Artist", "Jane Doe");
    }

    @Test
    void cleanedExifHasNoFindings() {
        byte[] cleaned = ExifCleaner.forMode(StripMode.PRIVACY).clean(EXIF, s -> { });

        assertThat(inspector.inspect(jpeg(null, cleaned)).privacyFindings()).isEmpty();
    }

    @Test
    void unreadableRecordsAreFindingsNotErrors() {
        ProtectionReport report = inspector.inspect(jpeg("<x:xmpmeta".getBytes(StandardCharsets.UTF_8),
                "II*\0garbage".getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(report.privacyFindings()).containsExactly("XMP unreadable", "EXIF unreadable");
        assertThat(report.dataMining()).isNull();
    }
}
