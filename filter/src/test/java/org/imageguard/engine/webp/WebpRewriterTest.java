package org.imageguard.engine.webp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriters;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.io.Bytes;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rewrites the fixtures of {@code make-fixtures.sh} and checks the results with libwebp's own tools and exiftool.
 */
class WebpRewriterTest {

    /** A chunk as webpinfo ({@code Chunk VP8X at offset}) or exiftool -v ({@code RIFF 'VP8X' chunk}) lists it. */
    private static final Pattern CHUNK_LINE = Pattern.compile("Chunk (.{4}) at offset|RIFF '(.{4})' chunk");

    private final WebpRewriter rewriter = new WebpRewriter();

    @ParameterizedTest
    @ValueSource(strings = {"lossy.webp", "lossless.webp", "lossy-alpha.webp", "lossless-alpha.webp", "animated.webp",
            "with-exif.webp", "with-exif-prefixed.webp", "with-xmp.webp", "with-icc.webp", "everything.webp"})
    void outputPassesWebpinfoWithXmpFlagAndTheSameCanvas(String fixture) {
        byte[] in = fixture(fixture);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        String info = webpinfo(out);
        assertThat(info).contains("No error detected.").contains("XMP: 1").contains("Canvas size 16 x 12");
        assertThat(chunks(info)).first().isEqualTo("VP8X");
        assertThat(chunks(info).stream().filter("XMP "::equals)).hasSize(1);
        assertThat(Bytes.u32le(out, 4)).isEqualTo(out.length - 8L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lossy.webp", "lossless.webp", "lossy-alpha.webp", "lossless-alpha.webp",
            "with-exif.webp", "with-xmp.webp", "with-icc.webp", "everything.webp"})
    void decodedPixelsAreIdentical(String fixture) {
        byte[] in = fixture(fixture);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator().dropExif());

        assertThat(dwebpPam(out)).isEqualTo(dwebpPam(in));
    }

    @Test
    void animationKeepsItsFramesByteForByte() {
        byte[] in = fixture("animated.webp");
        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        assertThat(webpmuxInfo(out)).contains("Number of frames: 3");
        for (int frame = 1; frame <= 3; frame++) {
            assertThat(webpmuxGet(out, "frame", String.valueOf(frame)))
                    .isEqualTo(webpmuxGet(in, "frame", String.valueOf(frame)));
        }
        assertThat(webpinfo(out)).contains("Animation: 1");
        assertThat(rewriter.read(out).frames()).isEqualTo(3);
    }

    @Test
    void simpleLossyFileGainsVp8xWithCanvasFromTheFrameHeaderAndNoAlpha() {
        RewriteReport.Builder report = new RewriteReport.Builder();
        byte[] out = rewriter.rewrite(fixture("lossy.webp"), FixedMetadataPlan.privacy().withCreator(), report);

        String info = webpinfo(out);
        assertThat(chunks(info)).containsExactly("VP8X", "VP8 ", "XMP ");
        assertThat(info).contains("Alpha: 0").contains("ICCP: 0").contains("EXIF: 0");
        RewriteReport built = report.build(RewriteReport.REWRITTEN, 0, 0);
        assertThat(built.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(List.of(built.width(), built.height())).containsExactly(16, 12);
        assertThat(built.added()).containsExactly("WebP VP8X extended header");
    }

    @Test
    void isTheDefaultRewriterForWebp() {
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.WEBP)).containsInstanceOf(WebpRewriter.class);
    }

    @Test
    void simpleLosslessFileWithAlphaGetsTheAlphaFlag() {
        byte[] out = rewrite(fixture("lossless-alpha.webp"), FixedMetadataPlan.privacy().withCreator());

        String info = webpinfo(out);
        assertThat(chunks(info)).containsExactly("VP8X", "VP8L", "XMP ");
        assertThat(info.substring(0, info.indexOf("Chunk VP8L"))).contains("Alpha: 1");
    }

    @Test
    void exiftoolReadsTheDataMiningPacket() {
        byte[] out = rewrite(fixture("lossy.webp"), FixedMetadataPlan.privacy().withCreator());

        String xmp = Images.exiftoolXmp(out);
        assertThat(xmp).contains(FixedMetadataPlan.DATA_MINING).contains(FixedMetadataPlan.CREATOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lossy.webp", "lossless-alpha.webp", "animated.webp", "with-exif.webp", "everything.webp"})
    void exiftoolValidateFindsNoNewWarning(String fixture) {
        byte[] in = fixture(fixture);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        List<String> before = Images.exiftool(in, "-validate", "-warning", "-a").out().lines().toList();
        List<String> after = Images.exiftool(out, "-validate", "-warning", "-a").out().lines().toList();
        assertThat(after).isSubsetOf(before);
    }

    @Test
    void droppedExifRemovesTheChunkAndClearsTheFlag() {
        FixedMetadataPlan plan = FixedMetadataPlan.privacy().withCreator().dropExif();
        RewriteReport.Builder report = new RewriteReport.Builder();
        byte[] out = rewriter.rewrite(fixture("with-exif.webp"), plan, report);

        String info = webpinfo(out);
        assertThat(chunks(info)).doesNotContain("EXIF");
        assertThat(info).contains("EXIF: 0");
        assertThat(Images.exiftool(out, "-GPS:all", "-EXIF:all").out()).isEmpty();
        assertThat(report.build("rewritten", 0, 0).removed()).contains("EXIF chunk");
    }

    @Test
    void keptExifIsWrittenBackAfterTheImageDataWithTheFlagSet() {
        byte[] out = rewrite(fixture("with-exif.webp"), FixedMetadataPlan.privacy().withCreator());

        String info = webpinfo(out);
        assertThat(chunks(info)).containsExactly("VP8X", "VP8 ", "EXIF", "XMP ");
        assertThat(info).contains("EXIF: 1");
        assertThat(Images.exiftool(out, "-n", "-GPSLatitude").out()).contains("48.8584");
    }

    @Test
    void exifWithTheJpegPrefixReachesThePlanAsTiffAndIsWrittenWithoutIt() {
        FixedMetadataPlan plan = FixedMetadataPlan.privacy().withCreator();
        byte[] out = rewriter.rewrite(fixture("with-exif-prefixed.webp"), plan, new RewriteReport.Builder());

        assertThat(plan.exifSeen()).singleElement()
                .satisfies(tiff -> assertThat(new String(tiff, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("MM\0*"));
        assertThat(rewriter.read(out).exif()).startsWith((byte) 'M', (byte) 'M', (byte) 0, (byte) 42);
        assertThat(Images.exiftool(out, "-Make").out()).contains("ImageGuard");
    }

    @Test
    void existingXmpIsHandedToThePlanAndReplacedByOnePacket() {
        FixedMetadataPlan plan = FixedMetadataPlan.privacy().withCreator();
        byte[] out = rewriter.rewrite(fixture("with-xmp.webp"), plan, new RewriteReport.Builder());

        assertThat(new String(plan.existingXmp(), StandardCharsets.UTF_8)).contains("Original Author");
        assertThat(chunks(webpinfo(out)).stream().filter("XMP "::equals)).hasSize(1);
        assertThat(rewriter.read(out).xmp()).isEqualTo(FixedMetadataPlan.PACKET_WITH_CREATOR);
    }

    @Test
    void iccProfileSurvivesByteForByte() {
        byte[] in = fixture("with-icc.webp");
        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        assertThat(webpmuxGet(out, "icc")).hasSize(2576).isEqualTo(webpmuxGet(in, "icc"));
        assertThat(webpinfo(out)).contains("ICCP: 1");
    }

    @Test
    void chunksComeOutInTheOrderTheSpecAsks() {
        byte[] out = rewrite(fixture("everything.webp"), FixedMetadataPlan.privacy().withCreator());

        assertThat(chunks(webpinfo(out))).containsExactly("VP8X", "ICCP", "ALPH", "VP8 ", "EXIF", "XMP ");
    }

    @Test
    void unknownChunksStayAfterTheImageDataUnlessStripAll() {
        byte[] in = withChunk(fixture("with-exif.webp"), "ZZZZ", new byte[] {1, 2, 3});

        // webpinfo skips unknown chunks without naming them; exiftool -v lists every chunk.
        byte[] kept = rewrite(in, FixedMetadataPlan.privacy().withCreator());
        assertThat(webpinfo(kept)).contains("No error detected.");
        assertThat(chunks(Images.exiftool(kept, "-v").out())).containsExactly("VP8X", "VP8 ", "ZZZZ", "EXIF", "XMP ");

        byte[] dropped = rewrite(in, FixedMetadataPlan.of(StripMode.ALL).withCreator());
        assertThat(chunks(Images.exiftool(dropped, "-v").out())).containsExactly("VP8X", "VP8 ", "EXIF", "XMP ");
    }

    @Test
    void bytesPastTheRiffSizeAreDropped() {
        byte[] in = fixture("lossy.webp");
        byte[] withJunk = Arrays.copyOf(in, in.length + 5);

        byte[] out = rewrite(withJunk, FixedMetadataPlan.privacy().withCreator());

        assertThat(webpinfo(out)).contains("No error detected.");
        assertThat(Bytes.u32le(out, 4)).isEqualTo(out.length - 8L);
    }

    @Test
    void aRiffSizePastTheEndOfTheFileIsCutToTheFile() {
        byte[] in = fixture("lossless.webp").clone();
        Bytes.putU32le(in, 4, in.length + 1000L);

        byte[] out = rewrite(in, FixedMetadataPlan.privacy().withCreator());

        assertThat(webpinfo(out)).contains("No error detected.");
    }

    @Test
    void readReportsCanvasFramesAndMetadata() {
        ImageMetadata everything = rewriter.read(fixture("everything.webp"));
        assertThat(everything.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(everything.width()).isEqualTo(16);
        assertThat(everything.height()).isEqualTo(12);
        assertThat(everything.frames()).isEqualTo(1);
        assertThat(new String(everything.xmp(), StandardCharsets.UTF_8)).contains("Original Author");
        assertThat(everything.exif()).startsWith((byte) 'M', (byte) 'M');
        assertThat(everything.others()).containsExactly("ICCP ICC profile");

        ImageMetadata lossy = rewriter.read(fixture("lossy.webp"));
        assertThat(lossy.xmp()).isNull();
        assertThat(lossy.exif()).isNull();
        assertThat(lossy.others()).isEmpty();
    }

    @Test
    void exifThatIsNotTiffIsDroppedUnlessStripNone() {
        byte[] in = withChunk(fixture("lossy.webp"), "EXIF", "not a TIFF".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(rewriter.read(in).exif()).isNull();
        assertThat(rewriter.read(in).others()).containsExactly("EXIF chunk, not a TIFF structure");

        FixedMetadataPlan privacy = FixedMetadataPlan.privacy().withCreator();
        assertThat(chunks(webpinfo(rewrite(in, privacy)))).containsExactly("VP8X", "VP8 ", "XMP ");
        assertThat(privacy.exifSeen()).isEmpty();

        byte[] kept = rewrite(in, FixedMetadataPlan.of(StripMode.NONE).withCreator());
        assertThat(chunks(webpinfo(kept))).containsExactly("VP8X", "VP8 ", "EXIF", "XMP ");
    }

    @Test
    void notRiffIsRefused() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        assertThatThrownBy(() -> rewriter.read(png)).isInstanceOf(ImageFormatException.class)
                .hasMessage("WEBP at offset 0: expected 'RIFF', found 0x89504E47");
    }

    @Test
    void aChunkLongerThanTheFileIsRefused() {
        byte[] in = fixture("lossy.webp").clone();
        Bytes.putU32le(in, 16, 0xFFFF_FFF0L);
        assertThatThrownBy(() -> rewrite(in, FixedMetadataPlan.privacy().withCreator()))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith("WEBP at offset 12: expected chunk 'VP8 ' of 4294967280 bytes to fit");
    }

    @Test
    void aVp8FrameWithoutStartCodeIsRefused() {
        byte[] in = fixture("lossy.webp").clone();
        in[20 + 3] = 0;
        assertThatThrownBy(() -> rewriter.read(in)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("expected start code 9D 01 2A, found 00 01 2A");
    }

    @Test
    void aFileWithoutImageDataIsRefused() {
        byte[] in = fixture("lossy-alpha.webp");
        byte[] vp8xOnly = Arrays.copyOf(in, 12 + 8 + 10);
        assertThatThrownBy(() -> rewriter.read(vp8xOnly)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("expected image data (VP8, VP8L or ANMF) after VP8X, found none");
    }

    @Test
    void aTruncatedHeaderIsRefused() {
        assertThatThrownBy(() -> rewriter.read("RIFF".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("WEBP at offset 0: expected a 12-byte RIFF header, found 4 bytes");
    }

    static byte[] fixture(String name) {
        return Fixtures.bytes(WebpRewriterTest.class, name);
    }

    private byte[] rewrite(byte[] in, FixedMetadataPlan plan) {
        return rewriter.rewrite(in, plan, new RewriteReport.Builder());
    }

    /** Appends a chunk at the end of the file and fixes the RIFF size. */
    private static byte[] withChunk(byte[] webp, String fourCc, byte[] payload) {
        byte[] out = Arrays.copyOf(webp, webp.length + 8 + payload.length + (payload.length & 1));
        System.arraycopy(fourCc.getBytes(StandardCharsets.ISO_8859_1), 0, out, webp.length, 4);
        Bytes.putU32le(out, webp.length + 4, payload.length);
        System.arraycopy(payload, 0, out, webp.length + 8, payload.length);
        Bytes.putU32le(out, 4, out.length - 8L);
        return out;
    }

    private static String webpinfo(byte[] webp) {
        ExternalTool.Result result = ExternalTool.run(
                List.of(ExternalTool.require("webpinfo").toString(), ExternalTool.tempFile(webp, ".webp").toString()), null);
        assertThat(result.exitCode()).as(result.out()).isZero();
        return result.out();
    }

    private static List<String> chunks(String toolOutput) {
        List<String> chunks = new ArrayList<>();
        Matcher matcher = CHUNK_LINE.matcher(toolOutput);
        while (matcher.find()) {
            chunks.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return chunks;
    }

    private static byte[] dwebpPam(byte[] webp) {
        ExternalTool.Result result = ExternalTool.run(List.of(ExternalTool.require("dwebp").toString(), "-pam",
                ExternalTool.tempFile(webp, ".webp").toString(), "-o", "-"), null);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isNotEmpty();
        return result.stdout();
    }

    private static String webpmuxInfo(byte[] webp) {
        ExternalTool.Result result = ExternalTool.run(List.of(ExternalTool.require("webpmux").toString(), "-info",
                ExternalTool.tempFile(webp, ".webp").toString()), null);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.out();
    }

    /** {@code webpmux -get what [n] file -o -}: the ICC profile or one frame as the tool extracts it. */
    private static byte[] webpmuxGet(byte[] webp, String... what) {
        List<String> command = new ArrayList<>(List.of(ExternalTool.require("webpmux").toString(), "-get"));
        command.addAll(List.of(what));
        command.addAll(List.of(ExternalTool.tempFile(webp, ".webp").toString(), "-o", "-"));
        ExternalTool.Result result = ExternalTool.run(command, null);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout();
    }
}
