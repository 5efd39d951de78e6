package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.engine.jpeg.JpegFixtures.ascii;
import static org.imageguard.engine.jpeg.JpegFixtures.count;
import static org.imageguard.engine.jpeg.JpegFixtures.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriters;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.ByteArrays;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Images;
import org.imageguard.testing.TestJpegs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JpegRewriterTest {

    private final JpegRewriter rewriter = new JpegRewriter();
    private final RewriteReport.Builder report = new RewriteReport.Builder();
    static List<String> fixtures() {
        return JpegFixtures.ALL;
    }

    private byte[] rewrite(byte[] input, FixedMetadataPlan plan) {
        return rewriter.rewrite(input, plan, report);
    }

    private RewriteReport built() {
        return report.build(RewriteReport.REWRITTEN, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void outputDecodesToIdenticalPixelsAndCopiesTheScansByteForByte(String name) {
        byte[] input = load(name);
        byte[] output = rewrite(input, FixedMetadataPlan.jpeg(StripMode.PRIVACY));

        assertThat(Images.rgba("jpeg", output)).isEqualTo(Images.rgba("jpeg", input));
        byte[] scans = Arrays.copyOfRange(input, JpegFixtures.firstSos(input), input.length);
        assertThat(count(output, scans)).as("picture data from the first SOS on, untouched").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void outputPassesJpeginfoAndExiftoolValidationWithNoNewWarnings(String name) {
        byte[] input = load(name);
        byte[] output = rewrite(input, FixedMetadataPlan.jpeg(StripMode.PRIVACY));

        if (!name.equals("cmyk.jpg")) { // jpeginfo cannot decode CMYK at all, input included
            assertThat(Tools.jpeginfo(output)).endsWith("OK");
        }
        assertThat(Tools.warnings(output)).isSubsetOf(Tools.warnings(input));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void outputCarriesExactlyOneXmpPacketWithDataMining(String name) {
        byte[] output = rewrite(load(name), FixedMetadataPlan.jpeg(StripMode.PRIVACY));

        String xmp = new String(Images.exiftoolBinary(output, "XMP"), StandardCharsets.UTF_8);
        assertThat(xmp).contains("DataMining").contains(FixedMetadataPlan.DATA_MINING);
        assertThat(count(output, JpegSegmentType.XMP_ID)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reportsTheFrameDimensions(String name) {
        rewrite(load(name), FixedMetadataPlan.jpeg(StripMode.PRIVACY));

        RewriteReport r = built();
        assertThat(r.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(r.width()).isEqualTo(16);
        assertThat(r.height()).isEqualTo(12);
    }

    @Test
    void exifGoesThroughThePlanAndKeepsOrientationWhenThePlanKeepsIt() {
        FixedMetadataPlan plan = FixedMetadataPlan.jpeg(StripMode.PRIVACY);
        byte[] output = rewrite(load("baseline-exif.jpg"), plan);

        assertThat(plan.exifSeen()).singleElement()
                .satisfies(tiff -> assertThat(new String(tiff, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("MM\0*"));
        assertThat(Images.exiftool(output, "-s3", "-n", "-Orientation").out().strip()).isEqualTo("6");
        assertThat(Images.exiftoolBinary(output, "ThumbnailImage"))
                .isEqualTo(Images.exiftoolBinary(load("baseline-exif.jpg"), "ThumbnailImage"));
    }

    @Test
    void exifIsDroppedWhenThePlanReturnsNull() {
        byte[] output = rewrite(load("baseline-exif.jpg"), FixedMetadataPlan.jpeg(StripMode.ALL).dropExif());

        assertThat(count(output, JpegSegmentType.EXIF_ID)).isZero();
        assertThat(Images.exiftool(output, "-s3", "-EXIF:all").out()).isEmpty();
        assertThat(built().removed()).contains("APP1 EXIF");
    }

    @Test
    void placesExifThenXmpRightAfterJfif() {
        byte[] output = rewrite(load("icc.jpg"), FixedMetadataPlan.jpeg(StripMode.PRIVACY));

        List<JpegSegmentType> types = JpegSegmentReader.read(output).stream()
                .map(s -> JpegSegmentType.of(output, s)).toList();
        assertThat(types.subList(1, 4)).containsExactly(JpegSegmentType.JFIF, JpegSegmentType.XMP,
                JpegSegmentType.ICC_PROFILE);

        byte[] withExif = rewrite(load("baseline-exif.jpg"), FixedMetadataPlan.jpeg(StripMode.PRIVACY));
        List<JpegSegmentType> exifTypes = JpegSegmentReader.read(withExif).stream()
                .map(s -> JpegSegmentType.of(withExif, s)).toList();
        assertThat(exifTypes.subList(1, 4)).containsExactly(JpegSegmentType.JFIF, JpegSegmentType.EXIF,
                JpegSegmentType.XMP);
    }

    @Test
    void iccProfileSurvivesByteForByte() {
        byte[] input = load("icc.jpg");
        byte[] output = rewrite(input, FixedMetadataPlan.jpeg(StripMode.ALL));

        byte[] profile = Images.exiftoolBinary(output, "ICC_Profile");
        assertThat(profile).isNotEmpty().isEqualTo(Images.exiftoolBinary(input, "ICC_Profile"));
    }

    @Test
    void cmykKeepsItsAdobeSegment() {
        byte[] output = rewrite(load("cmyk.jpg"), FixedMetadataPlan.jpeg(StripMode.ALL));

        assertThat(Images.exiftool(output, "-s3", "-Adobe:ColorTransform").out()).isNotBlank();
        assertThat(Images.exiftool(output, "-s3", "-ColorComponents").out().strip()).isEqualTo("4");
    }

    @Test
    void commentIsDroppedWhenStrippingAndKeptOtherwise() {
        byte[] stripped = rewrite(load("comment.jpg"), FixedMetadataPlan.jpeg(StripMode.PRIVACY));
        assertThat(Images.exiftool(stripped, "-s3", "-Comment").out()).isEmpty();
        assertThat(built().removed()).contains("JPEG COM comment");

        byte[] kept = rewrite(load("comment.jpg"), FixedMetadataPlan.jpeg(StripMode.NONE));
        assertThat(Images.exiftool(kept, "-s3", "-Comment").out()).contains("secret location");
    }

    @Test
    void photoshopIrbGoesThroughThePlan() {
        FixedMetadataPlan keep = FixedMetadataPlan.jpeg(StripMode.PRIVACY);
        byte[] kept = rewrite(load("iptc.jpg"), keep);
        assertThat(keep.photoshopSeen()).singleElement().satisfies(irb ->
                assertThat(new String(irb, StandardCharsets.ISO_8859_1)).startsWith("Photoshop 3.0\0"));
        assertThat(Images.exiftool(kept, "-s3", "-IPTC:City").out().strip()).isEqualTo("Paris");

        byte[] dropped = rewrite(load("iptc.jpg"), FixedMetadataPlan.jpeg(StripMode.PRIVACY).dropPhotoshop());
        assertThat(Images.exiftool(dropped, "-s3", "-IPTC:all").out()).isEmpty();
        assertThat(built().removed()).contains("APP13 IPTC");
    }

    @Test
    void existingXmpIsHandedToThePlanAndReplaced() {
        FixedMetadataPlan plan = FixedMetadataPlan.jpeg(StripMode.PRIVACY);
        byte[] output = rewrite(load("xmp.jpg"), plan);

        assertThat(new String(plan.existingXmp(), StandardCharsets.UTF_8)).contains("Someone");
        assertThat(plan.existingExtendedXmp()).isNull();
        assertThat(plan.maxStandardBytes()).isEqualTo(65502);
        assertThat(Images.exiftool(output, "-s3", "-XMP-dc:Creator").out()).isEmpty();
    }

    @Test
    void extendedXmpIsWrittenInPortionsThatExiftoolReassembles() {
        FixedMetadataPlan plan = FixedMetadataPlan.jpeg(StripMode.PRIVACY).withExtended(100_000);
        byte[] output = rewrite(load("baseline-exif.jpg"), plan);

        List<Integer> portionSizes = JpegSegmentReader.read(output).stream()
                .filter(s -> JpegSegmentType.of(output, s) == JpegSegmentType.XMP_EXTENDED)
                .map(JpegSegment::size).toList();
        assertThat(portionSizes).hasSize(2);
        assertThat(portionSizes.get(0)).as("first portion fills a segment exactly").isEqualTo(2 + 0xFFFF);
        String description = Images.exiftool(output, "-s3", "-XMP-dc:Description").out().strip();
        assertThat(description).hasSize(100_000).matches("x+");
        assertThat(Images.exiftool(output, "-X", "-XMP:all").out()).contains("DataMining");
        assertThat(Tools.warnings(output)).isSubsetOf(Tools.warnings(load("baseline-exif.jpg")));
    }

    @Test
    void extendedXmpIsReassembledAndHandedToThePlan() {
        FixedMetadataPlan writer = FixedMetadataPlan.jpeg(StripMode.PRIVACY).withExtended(100_000);
        byte[] withExtended = rewrite(load("comment.jpg"), writer);

        FixedMetadataPlan reader = FixedMetadataPlan.jpeg(StripMode.PRIVACY);
        byte[] output = rewrite(withExtended, reader);

        assertThat(reader.existingExtendedXmp()).isNotNull();
        assertThat(new String(reader.existingExtendedXmp(), StandardCharsets.UTF_8)).contains("x".repeat(100_000));
        assertThat(count(output, JpegSegmentType.XMP_EXTENDED_ID)).as("old portions removed").isZero();
    }

    @Test
    void trailingBytesThatAreNotAPictureAreKept() {
        byte[] input = load("trailing.jpg");
        byte[] output = rewrite(input, FixedMetadataPlan.jpeg(StripMode.ALL));

        assertThat(new String(output, StandardCharsets.ISO_8859_1)).endsWith("\u00FF\u00D9TRAILING-DATA-0123456789");
    }

    @Test
    void mpfSegmentAndTheEmbeddedPreviewAreDroppedWhenStripping() {
        byte[] preview = load("comment.jpg");
        byte[] input = ByteArrays.concat(TestJpegs.insertSegment(load("restart.jpg"), 20, 0xE2,
                ascii("MPF\0MM\0*\0\0\0\u0008")), preview);

        byte[] stripped = rewrite(input, FixedMetadataPlan.jpeg(StripMode.PRIVACY));
        assertThat(count(stripped, JpegSegmentType.MPF_ID)).isZero();
        assertThat(count(stripped, ascii("secret location"))).isZero();
        assertThat(built().removed()).contains("APP2 MPF preview", "embedded JPEG after EOI");
        assertThat(Tools.jpeginfo(stripped)).endsWith("OK");

        byte[] kept = rewrite(input, FixedMetadataPlan.jpeg(StripMode.NONE));
        assertThat(count(kept, JpegSegmentType.MPF_ID)).isEqualTo(1);
        assertThat(Arrays.copyOfRange(kept, kept.length - preview.length, kept.length)).isEqualTo(preview);
    }

    @Test
    void vendorAppSegmentsAreDroppedWhenStrippingButAdobeAndIccNever() {
        byte[] input = TestJpegs.insertSegment(load("icc.jpg"), 20, 0xEC, ascii("Ducky\0\1\0\4\0\0\0\100"));

        byte[] stripped = rewrite(input, FixedMetadataPlan.jpeg(StripMode.ALL));
        assertThat(count(stripped, ascii("Ducky"))).isZero();
        assertThat(built().removed()).contains("APP12 Ducky");
        assertThat(count(stripped, JpegSegmentType.ICC_ID)).isEqualTo(1);

        byte[] kept = rewrite(input, FixedMetadataPlan.jpeg(StripMode.NONE));
        assertThat(count(kept, ascii("Ducky"))).isEqualTo(1);
    }

    @Test
    void jfifThumbnailPixelsAreRemovedButTheJfifHeaderStays() {
        byte[] input = load("comment.jpg");
        // Replace the 14-byte JFIF payload with one carrying a 1x1 thumbnail (3 RGB bytes).
        byte[] jfif = Arrays.copyOfRange(input, 6, 20);
        jfif[12] = 1;
        jfif[13] = 1;
        byte[] thumbJfif = ByteArrays.concat(jfif, new byte[] {10, 20, 30});
        byte[] withThumb = TestJpegs.insertSegment(
                ByteArrays.concat(Arrays.copyOf(input, 2), Arrays.copyOfRange(input, 20, input.length)),
                2, 0xE0, thumbJfif);

        byte[] output = rewrite(withThumb, FixedMetadataPlan.jpeg(StripMode.PRIVACY));

        JpegSegment app0 = JpegSegmentReader.read(output).get(1);
        assertThat(JpegSegmentType.of(output, app0)).isEqualTo(JpegSegmentType.JFIF);
        assertThat(app0.payloadLength()).isEqualTo(14);
        assertThat(built().removed()).contains("APP0 JFIF thumbnail");
        assertThat(Tools.jpeginfo(output)).endsWith("OK");
    }

    @Test
    void multiChunkIccProfileIsKeptChunkForChunk() {
        byte[] chunk1 = ByteArrays.concat(ascii("ICC_PROFILE\0\1\2"), new byte[300]);
        byte[] chunk2 = ByteArrays.concat(ascii("ICC_PROFILE\0\2\2"), new byte[200]);
        byte[] input = TestJpegs.insertSegment(TestJpegs.insertSegment(load("comment.jpg"), 20, 0xE2, chunk2),
                20, 0xE2, chunk1);

        byte[] output = rewrite(input, FixedMetadataPlan.jpeg(StripMode.ALL));

        List<JpegSegment> icc = JpegSegmentReader.read(output).stream()
                .filter(s -> JpegSegmentType.of(output, s) == JpegSegmentType.ICC_PROFILE).toList();
        assertThat(icc).hasSize(2);
        assertThat(Arrays.copyOfRange(output, icc.get(0).payloadOffset(), icc.get(0).end())).isEqualTo(chunk1);
        assertThat(Arrays.copyOfRange(output, icc.get(1).payloadOffset(), icc.get(1).end())).isEqualTo(chunk2);
    }

    @Test
    void fileCutInsideItsScanDataIsRewrittenWithWhatIsThere() {
        byte[] whole = load("progressive.jpg");
        byte[] cut = Arrays.copyOf(whole, whole.length - 100);

        byte[] output = rewrite(cut, FixedMetadataPlan.jpeg(StripMode.PRIVACY));

        byte[] tail = Arrays.copyOfRange(cut, JpegFixtures.firstSos(cut), cut.length);
        assertThat(Arrays.copyOfRange(output, output.length - tail.length, output.length)).isEqualTo(tail);
        assertThat(Images.exiftool(output, "-s3", "-ImageSize").out().strip()).isEqualTo("16x12");
    }

    @Test
    void exifThatIsNotATiffStructureIsDroppedWithoutAskingThePlan() {
        byte[] input = TestJpegs.insertSegment(load("comment.jpg"), 20, 0xE1, ascii("Exif\0\0garbage!"));
        FixedMetadataPlan plan = FixedMetadataPlan.jpeg(StripMode.NONE);

        byte[] output = rewrite(input, plan);

        assertThat(plan.exifSeen()).isEmpty();
        assertThat(count(output, JpegSegmentType.EXIF_ID)).isZero();
        assertThat(built().removed()).contains("APP1 EXIF (not a TIFF structure)");
    }

    @Test
    void readDescribesTheMetadataRecords() {
        var iptc = rewriter.read(load("iptc.jpg"));
        assertThat(iptc.width()).isEqualTo(16);
        assertThat(iptc.height()).isEqualTo(12);
        assertThat(iptc.frames()).isEqualTo(1);
        assertThat(iptc.others()).contains("APP13 IPTC");

        var exif = rewriter.read(load("baseline-exif.jpg"));
        assertThat(new String(exif.exif(), 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("MM\0*");
        assertThat(exif.xmp()).isNull();

        assertThat(new String(rewriter.read(load("xmp.jpg")).xmp(), StandardCharsets.UTF_8)).contains("Someone");
        assertThat(rewriter.read(load("comment.jpg")).others()).contains("JPEG COM comment");
        assertThat(rewriter.read(load("icc.jpg")).others()).contains("APP2 ICC profile");
        assertThat(rewriter.read(load("cmyk.jpg")).others()).contains("APP14 Adobe");
        assertThat(rewriter.read(load("trailing.jpg")).others()).contains("trailing bytes after EOI");
    }

    @Test
    void isTheDefaultJpegRewriter() {
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.JPEG)).get().isInstanceOf(JpegRewriter.class);
    }
}
