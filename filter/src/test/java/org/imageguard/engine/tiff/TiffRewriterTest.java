package org.imageguard.engine.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriters;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rewrites TIFF fixtures (make-fixtures.sh: ImageMagick pixels, exiftool 13 metadata) and checks the results with
 * exiftool (tags, -validate) and ImageMagick (pixels), never with the code under test.
 */
class TiffRewriterTest {

    private final TiffRewriter rewriter = new TiffRewriter();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"strip-le.tif", "strip-be.tif", "tiled.tif", "multi.tif"})
    void gpsSerialOwnerMakerIptcAndOldXmpAreGoneAndDataMiningIsThere(String fixture) {
        byte[] in = fixture(fixture);
        assertThat(tags(in)).contains("GPSLatitude", "SerialNumber", "OwnerName", "By-line", "Jane Xmp");

        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        String tags = tags(out);
        assertThat(tags).doesNotContain("GPS", "SerialNumber", "OwnerName", "Jane Owner", "SN12345", "Canon",
                "EOS R", "at home", "By-line", "London", "Jane Iptc", "Jane Xmp");
        assertThat(tags).contains("Artist: Jane Artist", "Copyright: (c) Jane");
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(FixedMetadataPlan.DATA_MINING);
        // Left behind means gone from the bytes too, not just unreachable.
        String raw = new String(out, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("SN12345", "Jane Owner", "Jane Iptc", "Canon", "at home");
    }

    @ParameterizedTest
    @ValueSource(strings = {"strip-le.tif", "strip-be.tif", "tiled.tif", "multi.tif", "big.tif"})
    void everyPageDecodesToTheSamePixels(String fixture) {
        byte[] in = fixture(fixture);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        assertThat(Images.rgba("tiff", out)).isEqualTo(Images.rgba("tiff", in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"strip-le.tif", "strip-be.tif", "tiled.tif", "multi.tif", "big.tif"})
    void exiftoolValidatesTheOutputWithNoWarningTheInputDidNotHave(String fixture) throws IOException {
        byte[] in = fixture(fixture);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        // ImageMagick's files lack XResolution; exiftool 13 finds no new problem in ours.
        assertThat(warnings(out)).isSubsetOf(warnings(in));
    }

    @Test
    void theByteOrderPagesAndBigTiffFormStayAsTheyWere() {
        assertThat(rewrite(fixture("strip-be.tif"), FixedMetadataPlan.privacy())).startsWith('M', 'M', 0, 42);
        assertThat(rewrite(fixture("big.tif"), FixedMetadataPlan.privacy())).startsWith('I', 'I', 43, 0, 8, 0, 0, 0);
        byte[] multi = rewrite(fixture("multi.tif"), FixedMetadataPlan.privacy());
        assertThat(ExternalTool.run(List.of("identify", "tiff:-"), multi).out().lines()).hasSize(2);
    }

    @Test
    void bigTiffLosesMakeModelAndDescription() {
        byte[] in = fixture("big.tif");
        assertThat(tags(in)).contains("Make: Canon", "ImageDescription: at home");

        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        assertThat(tags(out)).doesNotContain("Canon", "at home").contains("Artist: Jane Artist");
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(FixedMetadataPlan.DATA_MINING);
    }

    @Test
    void stripNoneKeepsEveryTagAndOnlyTheXmpChanges() throws IOException {
        byte[] out = rewrite(fixture("strip-le.tif"), FixedMetadataPlan.of(StripMode.NONE));

        assertThat(tags(out)).contains("GPSLatitude", "SerialNumber: SN12345", "OwnerName: Jane Owner", "By-line");
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(FixedMetadataPlan.DATA_MINING);
        assertThat(warnings(out)).isSubsetOf(warnings(fixture("strip-le.tif")));
    }

    @Test
    void theExistingXmpReachesThePlanAndTheReportNamesWhatWasRemoved() {
        FixedMetadataPlan plan = FixedMetadataPlan.privacy();
        RewriteReport.Builder builder = new RewriteReport.Builder();
        rewriter.rewrite(fixture("strip-le.tif"), plan, builder);

        assertThat(new String(plan.existingXmp(), StandardCharsets.UTF_8)).contains("Jane Xmp");
        RewriteReport report = builder.build(RewriteReport.REWRITTEN, 0, 0);
        assertThat(List.of(report.width(), report.height())).containsExactly(40, 30);
        assertThat(report.removed()).contains("EXIF GPS (5 tags)", "EXIF serial numbers (1 tag)",
                "EXIF owner name (1 tag)", "TIFF IPTC-IIM (1 tag)");
    }

    @Test
    void readReportsPagesXmpAndTheWholeFileAsExif() {
        var metadata = rewriter.read(fixture("multi.tif"));

        assertThat(metadata.format()).isEqualTo(ImageFormat.TIFF);
        assertThat(List.of(metadata.width(), metadata.height(), metadata.frames())).containsExactly(20, 10, 2);
        assertThat(new String(metadata.xmp(), StandardCharsets.UTF_8)).contains("Jane Xmp");
        assertThat(metadata.others()).contains("TIFF IPTC-IIM");
    }

    @Test
    void malformedStructuresAreRefusedWithTheirOffset() {
        assertThatThrownBy(() -> rewriter.read(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0}))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith("TIFF at offset 10: expected the directory of 1 entries");
        assertThatThrownBy(() -> rewriter.read(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0}))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("TIFF at offset 8: expected a chain of directories, found a loop back to offset 8");
        assertThatThrownBy(() -> rewriter.rewrite(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                FixedMetadataPlan.privacy(), new RewriteReport.Builder()))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("TIFF at offset 8: expected either StripOffsets or TileOffsets, found neither");
    }

    @Test
    void isTheDefaultRewriterForTiff() {
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.TIFF)).containsInstanceOf(TiffRewriter.class);
    }

    /**
     * {@code exiftool -validate} on a file: read from a pipe, exiftool cannot check value offsets against the file
     * size and warns about every one of them, in the input as in the output.
     */
    private List<String> warnings(byte[] tiff) throws IOException {
        Path file = Files.write(dir.resolve("validate.tif"), tiff);
        return Images.exiftool(file, "-validate", "-warning", "-a", "-s").out().lines()
                .filter(line -> !line.startsWith("Validate")).toList();
    }

    /** Every tag exiftool finds, as {@code Name: value} lines. */
    private static String tags(byte[] tiff) {
        return Images.exiftool(tiff, "-a", "-s", "-s", "-G0:0", "-e").out().replaceAll("(?m)^\\S+\\s*", "")
                + Images.exiftool(tiff, "-a", "-s", "-e").out().replaceAll("(?m)^(\\S+)\\s*: ", "$1: ");
    }

    private byte[] rewrite(byte[] in, FixedMetadataPlan plan) {
        return rewriter.rewrite(in, plan, new RewriteReport.Builder());
    }

    private static byte[] fixture(String name) {
        return Fixtures.bytes(TiffRewriterTest.class, name);
    }
}
