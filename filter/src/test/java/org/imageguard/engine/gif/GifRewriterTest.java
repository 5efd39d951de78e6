package org.imageguard.engine.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.testing.ByteArrays.concat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriters;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.ByteArrays;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GifRewriterTest {

    private final GifRewriter rewriter = new GifRewriter();

    static byte[] fixture(String name) {
        return Fixtures.bytes(GifRewriterTest.class, name);
    }

    private static byte[] rewrite(byte[] gif, FixedMetadataPlan plan) {
        return new GifRewriter().rewrite(gif, plan, new RewriteReport.Builder());
    }

    @ParameterizedTest
    @ValueSource(strings = {"anim.gif", "comment.gif", "old.gif", "xmp.gif"})
    void everyFrameDecodesToTheSamePixelsAndGifsicleAgrees(String name) {
        byte[] in = fixture(name);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        assertThat(Images.rgba("gif", out)).isEqualTo(Images.rgba("gif", in));
        String before = gifsicleInfo(in);
        String after = gifsicleInfo(out);
        assertThat(after).contains(before.lines().filter(l -> l.contains("images") || l.contains("image ")
                || l.contains("loop") || l.contains("delay")).toArray(String[]::new));
        assertThat(Images.exiftoolWarnings(out)).isEmpty();
    }

    @Test
    void keepsTheAnimationLoopAndFrameCount() {
        byte[] out = rewrite(fixture("anim.gif"), FixedMetadataPlan.privacy());

        assertThat(gifsicleInfo(out)).contains("2 images", "loop forever", "delay 0.10s");
        assertThat(rewriter.read(out).frames()).isEqualTo(2);
    }

    @Test
    void embedsTheXmpExtensionWithItsMagicTrailerThatExiftoolReads() {
        byte[] out = rewrite(fixture("anim.gif"), FixedMetadataPlan.privacy());

        byte[] expected = expectedXmpBlock();
        assertThat(indexOf(out, expected)).isPositive();
        assertThat(Images.exiftoolXmp(out)).isEqualTo(new String(FixedMetadataPlan.PACKET, StandardCharsets.UTF_8));
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(FixedMetadataPlan.DATA_MINING);
    }

    @Test
    void putsTheXmpBeforeTheFirstImageAndAfterALeadingLoopExtension() {
        byte[] netscapeFirst = fixture("xmp.gif");
        GifFile in = GifBlockReader.read(netscapeFirst);
        assertThat(in.blocks().get(0).label()).isEqualTo(GifBlock.GRAPHIC_CONTROL);

        GifFile out = GifBlockReader.read(rewrite(netscapeFirst, FixedMetadataPlan.privacy()));

        assertThat(out.blocks().get(0).applicationId()).isEqualTo(GifXmp.APPLICATION_ID);
        assertThat(out.blocks().get(0).offset()).isEqualTo(out.screenEnd());

        byte[] loopFirst = withoutBlock(netscapeFirst, in, 0);
        GifFile moved = GifBlockReader.read(rewrite(loopFirst, FixedMetadataPlan.privacy()));
        assertThat(moved.blocks()).extracting(GifBlock::applicationId).startsWith("NETSCAPE2.0", "XMP DataXMP");
    }

    @Test
    void handsTheOldXmpToThePlanAndKeepsOnlyOurs() {
        FixedMetadataPlan plan = FixedMetadataPlan.privacy();

        byte[] out = rewrite(fixture("xmp.gif"), plan);

        assertThat(new String(plan.existingXmp(), StandardCharsets.UTF_8)).startsWith("<?xpacket begin=")
                .contains("Alice Private").endsWith("<?xpacket end='w'?>");
        assertThat(GifBlockReader.read(out).blocks()).filteredOn(GifXmp::isXmp).hasSize(1);
        assertThat(Images.exiftoolXmp(out)).doesNotContain("Alice");
    }

    @Test
    void reportsASecondXmpExtensionAndOneWithoutItsMagicTrailer() {
        byte[] in = fixture("anim.gif");
        byte[] broken = concat(new byte[] {0x21, (byte) 0xFF, 11},
                "XMP DataXMP\3abc\0".getBytes(StandardCharsets.US_ASCII));
        byte[] twoXmp = ByteArrays.insert(in, GifBlockReader.read(in).screenEnd(),
                concat(broken, GifXmp.block(new byte[] {'x'})));
        FixedMetadataPlan plan = FixedMetadataPlan.privacy();
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(twoXmp, plan, report);

        assertThat(plan.existingXmp()).isNull();
        assertThat(report.build("rewritten", 0, 0).removed()).containsExactly(
                "GIF XMP extension without its magic trailer", "GIF XMP extension (a second one)");
        assertThat(GifBlockReader.read(out).blocks()).filteredOn(GifXmp::isXmp).hasSize(1);
    }

    @Test
    void dropsCommentsUnlessStripIsNone() {
        byte[] in = fixture("comment.gif");
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] privacy = rewriter.rewrite(in, FixedMetadataPlan.privacy(), report);
        byte[] none = rewrite(in, FixedMetadataPlan.of(StripMode.NONE));

        assertThat(gifsicleInfo(in)).contains("comment taken by Alice");
        assertThat(gifsicleInfo(privacy)).doesNotContain("comment");
        assertThat(report.build("rewritten", 0, 0).removed()).containsExactly("GIF comment");
        assertThat(gifsicleInfo(none)).contains("comment taken by Alice Private at home");
    }

    @Test
    void upgradesGif87aToGif89aAndSaysSo() {
        byte[] in = fixture("old.gif");
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(in, FixedMetadataPlan.privacy(), report);

        assertThat(new String(out, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(Arrays.copyOfRange(out, 6, GifBlockReader.SCREEN_END + 48))
                .isEqualTo(Arrays.copyOfRange(in, 6, GifBlockReader.SCREEN_END + 48));
        RewriteReport built = report.build("rewritten", in.length, out.length);
        assertThat(built.added()).containsExactly("GIF89a version (was GIF87a, which cannot carry extensions)");
        assertThat(built.format()).isEqualTo(ImageFormat.GIF);
        assertThat(built.width()).isEqualTo(16);
    }

    @Test
    void dropsImageMagickIptcExtensionsUnderPrivacyAndOtherApplicationExtensionsOnlyUnderAll() {
        byte[] in = fixture("comment.gif");
        GifFile gif = GifBlockReader.read(in);
        byte[] withApps = ByteArrays.insert(in, gif.screenEnd(),
                concat(application("MGKIPTC0000"), application("XYZAPP01abc")));

        assertThat(applications(rewrite(withApps, FixedMetadataPlan.privacy())))
                .containsExactly("XMP DataXMP", "XYZAPP01abc");
        assertThat(applications(rewrite(withApps, FixedMetadataPlan.of(StripMode.ALL))))
                .containsExactly("XMP DataXMP");
        assertThat(applications(rewrite(withApps, FixedMetadataPlan.of(StripMode.NONE))))
                .containsExactly("XMP DataXMP", "MGKIPTC0000", "XYZAPP01abc");
    }

    @Test
    void dropsBytesAfterTheTrailerAndAddsAMissingTrailer() {
        byte[] in = fixture("anim.gif");
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(concat(in, "junk".getBytes(StandardCharsets.US_ASCII)),
                FixedMetadataPlan.privacy(), report);
        byte[] noTrailer = rewrite(Arrays.copyOf(in, in.length - 1), FixedMetadataPlan.privacy());

        assertThat(out[out.length - 1]).isEqualTo((byte) 0x3B);
        assertThat(report.build("rewritten", 0, 0).removed()).containsExactly("GIF 4 bytes after the trailer");
        assertThat(noTrailer).isEqualTo(rewrite(in, FixedMetadataPlan.privacy()));
    }

    @Test
    void readReportsDimensionsFramesXmpAndOtherRecords() {
        ImageMetadata meta = rewriter.read(fixture("xmp.gif"));

        assertThat(meta.width()).isEqualTo(16);
        assertThat(meta.height()).isEqualTo(12);
        assertThat(meta.frames()).isEqualTo(2);
        assertThat(new String(meta.xmp(), StandardCharsets.UTF_8)).contains("Alice Private");
        assertThat(meta.exif()).isNull();
        assertThat(meta.others()).containsExactly("GIF application NETSCAPE2.0", "GIF comment");
    }

    @Test
    void isTheDefaultRewriterForGIF() {
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.GIF)).get().isInstanceOf(GifRewriter.class);
    }

    @Test
    void rewritingTwiceGivesTheSameBytes() {
        byte[] once = rewrite(fixture("xmp.gif"), FixedMetadataPlan.privacy());

        assertThat(rewrite(once, FixedMetadataPlan.privacy())).isEqualTo(once);
    }

    static byte[] expectedXmpBlock() {
        byte[] head = "\u0021\u00FF\u000BXMP DataXMP".getBytes(StandardCharsets.ISO_8859_1);
        byte[] trailer = new byte[258];
        trailer[0] = 1;
        for (int i = 1; i <= 256; i++) {
            trailer[i] = (byte) (256 - i);
        }
        return concat(head, FixedMetadataPlan.PACKET, trailer);
    }

    private static String gifsicleInfo(byte[] gif) {
        ExternalTool.Result result = ExternalTool.run(List.of("gifsicle", "--info"), gif);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
        return result.out();
    }

    private static List<String> applications(byte[] gif) {
        return GifBlockReader.read(gif).blocks().stream().filter(b -> b.label() == GifBlock.APPLICATION)
                .map(GifBlock::applicationId).toList();
    }

    /** An application extension with an 11-byte identifier and one 3-byte data sub-block. */
    private static byte[] application(String id) {
        return concat(new byte[] {0x21, (byte) 0xFF, 11}, id.getBytes(StandardCharsets.US_ASCII),
                new byte[] {3, 1, 2, 3, 0});
    }

    private static byte[] withoutBlock(byte[] gif, GifFile parsed, int index) {
        GifBlock block = parsed.blocks().get(index);
        return concat(Arrays.copyOf(gif, block.offset()), Arrays.copyOfRange(gif, block.end(), gif.length));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
