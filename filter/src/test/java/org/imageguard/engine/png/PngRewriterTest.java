package org.imageguard.engine.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.engine.png.PngSamples.beforeIend;
import static org.imageguard.engine.png.PngSamples.chunk;
import static org.imageguard.testing.ByteArrays.concat;
import static org.imageguard.engine.png.PngSamples.data;
import static org.imageguard.engine.png.PngSamples.deflate;
import static org.imageguard.engine.png.PngSamples.fixture;
import static org.imageguard.engine.png.PngSamples.latin1;
import static org.imageguard.engine.png.PngSamples.rewrite;
import static org.imageguard.engine.png.PngSamples.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriters;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngRewriterTest {

    private final PngRewriter rewriter = new PngRewriter();

    @ParameterizedTest
    @ValueSource(strings = {"gray16.png", "palette.png", "alpha.png", "meta.png", "imexif.png", "anim.png",
        "improfiles.png"})
    void outputPassesPngcheckAndExiftoolAndDecodesToTheSamePixels(String name) {
        byte[] in = fixture(name);
        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        PngSamples.assertPngcheckPasses(out);
        assertThat(Images.rgba("png", out)).isEqualTo(Images.rgba("png", in));
        assertThat(data(out, "IDAT")).usingElementComparator(Arrays::compare).isEqualTo(data(in, "IDAT"));
        assertThat(Images.exiftoolWarnings(out)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gray16.png", "meta.png", "anim.png"})
    void embedsOneUncompressedXmpITxtRightAfterIhdr(String name) {
        byte[] out = rewrite(fixture(name), FixedMetadataPlan.privacy());

        assertThat(types(out).subList(0, 2)).containsExactly("IHDR", "iTXt");
        assertThat(data(out, "iTXt")).hasSize(1);
        byte[] expected = new byte[PngText.XMP_KEYWORD.length() + 5 + FixedMetadataPlan.PACKET.length];
        System.arraycopy(latin1(PngText.XMP_KEYWORD), 0, expected, 0, PngText.XMP_KEYWORD.length());
        System.arraycopy(FixedMetadataPlan.PACKET, 0, expected, expected.length - FixedMetadataPlan.PACKET.length,
                FixedMetadataPlan.PACKET.length);
        assertThat(data(out, "iTXt").get(0)).isEqualTo(expected);
    }

    @Test
    void exiftoolReadsTheDataMiningStatementAndFindsNoNewWarnings() {
        byte[] in = fixture("meta.png");
        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        String xmp = Images.exiftoolXmp(out);
        assertThat(xmp).contains("<plus:DataMining>" + FixedMetadataPlan.DATA_MINING + "</plus:DataMining>")
                .doesNotContain("Alice");
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(FixedMetadataPlan.DATA_MINING);
        assertThat(Images.exiftoolWarnings(out)).isEmpty();
    }

    @Test
    void movesEXifBeforeIdatWhichClearsExiftoolsWarning() {
        byte[] in = fixture("imexif.png");
        assertThat(Images.exiftoolWarnings(in)).contains("after PNG IDAT");

        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        assertThat(types(out)).startsWith("IHDR", "iTXt", "eXIf");
        assertThat(data(out, "eXIf")).singleElement().isEqualTo(data(in, "eXIf").get(0));
        assertThat(Images.exiftoolWarnings(out)).isEmpty();
    }

    @Test
    void handsTheOldXmpToThePlanAndKeepsOnlyOurs() {
        byte[] in = fixture("meta.png");
        FixedMetadataPlan plan = FixedMetadataPlan.privacy();

        byte[] out = rewrite(in, plan);

        assertThat(new String(plan.existingXmp(), StandardCharsets.UTF_8)).contains("Alice Private");
        assertThat(data(out, "iTXt")).hasSize(1);
    }

    @Test
    void inflatesACompressedXmpITxtForThePlan() {
        byte[] packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>compressed</x:xmpmeta>".getBytes(StandardCharsets.UTF_8);
        byte[] head = latin1(PngText.XMP_KEYWORD + "\0\1\0en\0\0");
        byte[] compressed = deflate(packet);
        byte[] itxt = new byte[head.length + compressed.length];
        System.arraycopy(head, 0, itxt, 0, head.length);
        System.arraycopy(compressed, 0, itxt, head.length, compressed.length);
        FixedMetadataPlan plan = FixedMetadataPlan.privacy();

        rewrite(beforeIend(fixture("gray16.png"), chunk("iTXt", itxt)), plan);

        assertThat(plan.existingXmp()).isEqualTo(packet);
    }

    @Test
    void takesTheXmpFromImageMagicksRawProfileAndDropsTheIptcOnes() {
        byte[] in = fixture("improfiles.png");
        FixedMetadataPlan plan = FixedMetadataPlan.privacy();
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(in, plan, report);

        assertThat(new String(plan.existingXmp(), StandardCharsets.UTF_8)).startsWith("<?xpacket begin=")
                .contains("<rdf:li>Carol Private</rdf:li>").endsWith("<?xpacket end='w'?>");
        assertThat(types(out)).doesNotContain("tEXt", "zTXt");
        assertThat(report.build("rewritten", 0, 0).removed()).containsExactly(
                "PNG tEXt Raw profile type 8bim (hex-encoded metadata)",
                "PNG tEXt Raw profile type iptc (hex-encoded metadata)", "PNG zTXt Raw profile type xmp");
        assertThat(Images.exiftoolXmp(out)).doesNotContain("Carol");
    }

    @Test
    void passesOverAnXmpDecompressionBombAndSaysSo() {
        byte[] bomb = deflate(new byte[PngText.MAX_INFLATED + 1]);
        byte[] in = beforeIend(fixture("gray16.png"),
                chunk("iTXt", concat(latin1(PngText.XMP_KEYWORD + "\0\1\0\0\0"), bomb)));
        FixedMetadataPlan plan = FixedMetadataPlan.privacy();
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(in, plan, report);

        assertThat(plan.existingXmp()).isNull();
        assertThat(report.build("rewritten", 0, 0).removed()).singleElement().asString()
                .contains("unreadable XMP", "expected compressed text of at most 8388608 bytes inflated");
        assertThat(data(out, "iTXt")).singleElement().isEqualTo(PngText.xmpChunkData(FixedMetadataPlan.PACKET));
    }

    @Test
    void passesOverCorruptOrMalformedXmpITxt() {
        byte[] corrupt = chunk("iTXt", latin1(PngText.XMP_KEYWORD + "\0\1\0\0\0not zlib"));
        byte[] noLanguage = chunk("iTXt", latin1(PngText.XMP_KEYWORD + "\0\0\0abc"));
        RewriteReport.Builder report = new RewriteReport.Builder();

        rewriter.rewrite(beforeIend(fixture("gray16.png"), corrupt, noLanguage), FixedMetadataPlan.privacy(), report);

        assertThat(report.build("rewritten", 0, 0).removed()).satisfiesExactly(
                first -> assertThat(first).contains("expected a zlib stream in iTXt, found corrupt data"),
                second -> assertThat(second).contains("expected NUL-terminated language tag and translated keyword"),
                third -> assertThat(third).isEqualTo("PNG iTXt XML:com.adobe.xmp (a second XMP packet)"));
    }

    @Test
    void privacyDropsTextChunksButKeepsCopyrightAndTheIccProfileByteForByte() {
        byte[] in = fixture("meta.png");
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(in, FixedMetadataPlan.privacy(), report);

        assertThat(rewriter.read(out).others()).containsExactly("iCCP ICC profile", "tEXt Copyright");
        assertThat(data(out, "iCCP")).singleElement().isEqualTo(data(in, "iCCP").get(0));
        assertThat(report.build("rewritten", in.length, out.length).removed())
                .containsExactly("PNG tEXt Author", "PNG tEXt Comment");
    }

    @Test
    void stripAllDropsCopyrightToo() {
        byte[] out = rewrite(fixture("meta.png"), FixedMetadataPlan.of(StripMode.ALL));

        assertThat(rewriter.read(out).others()).containsExactly("iCCP ICC profile");
    }

    @Test
    void stripNoneKeepsTextAndTime() {
        byte[] time = chunk("tIME", new byte[] {0x07, (byte) 0xE8, 1, 2, 3, 4, 5});
        byte[] in = beforeIend(fixture("meta.png"), time);

        byte[] out = rewrite(in, FixedMetadataPlan.of(StripMode.NONE));

        assertThat(rewriter.read(out).others()).containsExactly("iCCP ICC profile", "tEXt Author", "tEXt Comment",
                "tEXt Copyright", "tIME modification time");
    }

    @Test
    void privacyDropsHexEncodedExifProfilesAndTime() {
        byte[] raw = chunk("zTXt", concat(latin1("Raw profile type exif\0\0"), deflate(latin1("\nexif\n 4\n4d4d"))));
        byte[] time = chunk("tIME", new byte[] {0x07, (byte) 0xE8, 1, 2, 3, 4, 5});
        byte[] in = beforeIend(fixture("gray16.png"), raw, time);
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(in, FixedMetadataPlan.privacy(), report);

        assertThat(types(out)).doesNotContain("zTXt", "tIME");
        assertThat(report.build("rewritten", 0, 0).removed()).containsExactly(
                "PNG zTXt Raw profile type exif (hex-encoded metadata)", "PNG tIME modification time");
        assertThat(types(rewrite(in, FixedMetadataPlan.of(StripMode.NONE)))).contains("zTXt", "tIME");
    }

    @Test
    void passesTheTiffStructureToThePlanAndDropsEXifWhenThePlanSaysSo() {
        byte[] in = fixture("meta.png");
        FixedMetadataPlan dropping = FixedMetadataPlan.privacy().dropExif();

        byte[] out = rewrite(in, dropping);

        assertThat(dropping.exifSeen()).singleElement().isEqualTo(data(in, "eXIf").get(0));
        assertThat(types(out)).doesNotContain("eXIf");
        assertThat(Images.exiftoolWarnings(out)).isEmpty();
    }

    @Test
    void keepsApngControlChunksAndFramesByteForByte() {
        byte[] in = fixture("anim.png");

        byte[] out = rewrite(in, FixedMetadataPlan.privacy());

        assertThat(rewriter.read(out).frames()).isEqualTo(2);
        for (String type : new String[] {"acTL", "fcTL", "fdAT", "PLTE", "tRNS", "IDAT"}) {
            assertThat(data(out, type)).as(type).usingElementComparator(Arrays::compare).isEqualTo(data(in, type));
        }
        assertThat(types(out)).containsSubsequence("acTL", "PLTE", "tRNS", "fcTL", "IDAT", "fcTL", "fdAT", "IEND");
    }

    @Test
    void dropsC2paManifestUnderPrivacyAndUnknownAncillaryChunksOnlyUnderAll() {
        byte[] in = beforeIend(fixture("gray16.png"), chunk("caBX", latin1("jumbf")), chunk("vpAg", new byte[9]));

        assertThat(types(rewrite(in, FixedMetadataPlan.privacy()))).doesNotContain("caBX").contains("vpAg");
        assertThat(types(rewrite(in, FixedMetadataPlan.of(StripMode.ALL)))).doesNotContain("caBX", "vpAg");
        assertThat(types(rewrite(in, FixedMetadataPlan.of(StripMode.NONE)))).contains("caBX", "vpAg");
    }

    @Test
    void dropsAncillaryChunksWithABadCrcAndBytesAfterIend() {
        byte[] text = chunk("tEXt", latin1("Title\0x"));
        text[text.length - 1] ^= 1;
        byte[] in = concat(beforeIend(fixture("gray16.png"), text), latin1("appended secrets"));
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(in, FixedMetadataPlan.of(StripMode.NONE), report);

        assertThat(types(out)).doesNotContain("tEXt");
        assertThat(PngChunkReader.read(out).trailingBytes()).isZero();
        assertThat(report.build("rewritten", 0, 0).removed())
                .containsExactly("PNG tEXt with a bad CRC", "PNG 16 bytes after IEND");
        PngSamples.assertPngcheckPasses(out);
    }

    @Test
    void readReportsDimensionsFramesXmpExifAndOtherRecords() {
        ImageMetadata meta = rewriter.read(fixture("meta.png"));

        assertThat(meta.format()).isEqualTo(ImageFormat.PNG);
        assertThat(meta.width()).isEqualTo(16);
        assertThat(meta.height()).isEqualTo(12);
        assertThat(meta.frames()).isEqualTo(1);
        assertThat(new String(meta.xmp(), StandardCharsets.UTF_8)).contains("Alice Private");
        assertThat(meta.exif()).startsWith('M', 'M', 0, 42);
        assertThat(meta.others()).containsExactly("iCCP ICC profile", "tEXt Author", "tEXt Comment",
                "tEXt Copyright");
    }

    @Test
    void isTheDefaultRewriterForPNG() {
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.PNG)).get().isInstanceOf(PngRewriter.class);
    }

    @Test
    void rewritingTwiceGivesTheSameBytes() {
        byte[] once = rewrite(fixture("meta.png"), FixedMetadataPlan.privacy());

        assertThat(rewrite(once, FixedMetadataPlan.privacy())).isEqualTo(once);
    }

    @Test
    void reportsFormatAndDimensions() {
        RewriteReport.Builder report = new RewriteReport.Builder();
        rewriter.rewrite(fixture("anim.png"), FixedMetadataPlan.privacy(), report);

        RewriteReport built = report.build("rewritten", 0, 0);
        assertThat(built.format()).isEqualTo(ImageFormat.PNG);
        assertThat(built.width()).isEqualTo(16);
        assertThat(built.height()).isEqualTo(12);
    }
}
