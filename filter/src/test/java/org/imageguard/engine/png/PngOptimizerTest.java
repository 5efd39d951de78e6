package org.imageguard.engine.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.LosslessOptimizer;
import org.imageguard.engine.io.Bytes;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.Test;

/**
 * Generated images with one property each (alpha, 16-bit, palette, grey, Adam7, ICC profile, colour key, large flat
 * area), protected and recompressed: the chosen colour type as pngcheck and our reader see it, pixels as ImageMagick
 * decodes them.
 */
class PngOptimizerTest {

    private static final long MAX_PIXELS = 100_000_000L;

    @Test
    void opaqueRgbaWithManyColoursBecomesRgbWithTheSamePixels() {
        byte[] in = png(64, 64, 8, PngHeader.RGBA, (x, y) -> new int[] {x * 4, y * 4, (x * y) & 0xFF, 255});

        byte[] out = optimized(in);

        assertThat(header(out).colourType()).isEqualTo(PngHeader.RGB);
        assertSamePixels(in, out);
    }

    @Test
    void fewColoursWithAlphaBecomeAPaletteWhoseTransparentEntriesComeFirst() {
        int[][] colours = {{10, 20, 30, 255}, {200, 0, 0, 255}, {0, 0, 0, 0}, {50, 60, 70, 128}, {1, 2, 3, 255}};
        byte[] in = png(40, 30, 8, PngHeader.RGBA, (x, y) -> colours[(x / 3 + y) % colours.length]);

        byte[] out = optimized(in);

        assertThat(header(out).colourType()).isEqualTo(PngHeader.PALETTE);
        assertThat(header(out).bitDepth()).isEqualTo(4);
        assertThat(PngSamples.data(out, "tRNS")).singleElement()
                .satisfies(trns -> assertThat(trns).containsExactly(0, 128));
        assertSamePixels(in, out);
    }

    @Test
    void rgbWhereEveryPixelIsGreyBecomesGrey() {
        byte[] in = png(300, 20, 8, PngHeader.RGB, (x, y) -> new int[] {x % 256, x % 256, x % 256});

        byte[] out = optimized(in);

        assertThat(header(out).colourType()).isEqualTo(PngHeader.GREY);
        assertSamePixels(in, out);
    }

    @Test
    void greyOfBlackAndWhiteOnlyBecomesOneBitGrey() {
        byte[] in = png(33, 17, 8, PngHeader.GREY, (x, y) -> new int[] {(x + y) % 2 == 0 ? 0 : 255});

        byte[] out = optimized(in);

        assertThat(header(out).colourType()).isEqualTo(PngHeader.GREY);
        assertThat(header(out).bitDepth()).isEqualTo(1);
        assertSamePixels(in, out);
    }

    @Test
    void sixteenBitSamplesThatAreMultiplesOf257BecomeEightBit() {
        byte[] in = png(300, 8, 16, PngHeader.RGB, (x, y) -> new int[] {257 * (x % 256), 257 * y, 257 * 7});

        byte[] out = optimized(in);

        assertThat(header(out).bitDepth()).isEqualTo(8);
        assertSamePixels(in, out);
    }

    @Test
    void sixteenBitSamplesWithRealLowBytesStaySixteenBit() {
        byte[] in = png(300, 8, 16, PngHeader.RGB, (x, y) -> new int[] {257 * (x % 256) + 1, 300 * y, 7});

        byte[] out = optimized(in);

        assertThat(header(out).bitDepth()).isEqualTo(16);
        assertSamePixels(in, out);
    }

    @Test
    void oneFullyTransparentColourBecomesAColourKey() {
        byte[] in = png(300, 10, 8, PngHeader.RGBA,
                (x, y) -> x == y ? new int[] {9, 9, 250, 0} : new int[] {x % 256, y * 20, 100, 255});

        byte[] out = optimized(in);

        assertThat(header(out).colourType()).isEqualTo(PngHeader.RGB);
        assertThat(PngSamples.data(out, "tRNS")).singleElement()
                .satisfies(trns -> assertThat(trns).containsExactly(0, 9, 0, 9, 0, 250));
        assertSamePixels(in, out);
    }

    @Test
    void interlacedImageComesOutNonInterlacedWithTheSamePixels() {
        byte[] plain = png(37, 29, 8, PngHeader.RGBA, (x, y) -> new int[] {x * 7, y * 9, x ^ y, 100 + x});
        byte[] interlaced = ExternalToolsPng.interlace(plain);
        assertThat(header(interlaced).interlaced()).isTrue();

        byte[] out = optimized(interlaced);

        assertThat(header(out).interlaced()).isFalse();
        assertSamePixels(interlaced, out);
    }

    @Test
    void greyPixelsUnderAnRgbIccProfileStayInColour() {
        byte[] profile = iccp("RGB ");
        byte[] in = withChunksBeforeIdat(png(300, 4, 8, PngHeader.RGB, (x, y) -> new int[] {x % 256, x % 256,
                x % 256}), PngSamples.chunk("iCCP", profile));

        byte[] out = optimized(in);

        assertThat(header(out).colourType()).isIn(PngHeader.RGB, PngHeader.PALETTE);
        assertThat(PngSamples.data(out, "iCCP")).singleElement().isEqualTo(profile);
        assertSamePixels(in, out);
    }

    @Test
    void greyPixelsUnderAGreyIccProfileStayGrey() {
        byte[] in = withChunksBeforeIdat(png(20, 4, 8, PngHeader.GREY, (x, y) -> new int[] {x * 10}),
                PngSamples.chunk("iCCP", iccp("GRAY")));

        byte[] out = optimized(in);

        assertThat(header(out).colourType()).isEqualTo(PngHeader.GREY);
        assertSamePixels(in, out);
    }

    @Test
    void backgroundAndSignificantBitsAreRewrittenForGrey() {
        byte[] in = withChunksBeforeIdat(png(300, 4, 8, PngHeader.RGB, (x, y) -> new int[] {x % 256, x % 256,
                x % 256}), PngSamples.chunk("sBIT", new byte[] {8, 8, 8}),
                PngSamples.chunk("bKGD", new byte[] {0, 17, 0, 17, 0, 17}));

        byte[] out = optimized(in);

        assertThat(header(out).colourType()).isEqualTo(PngHeader.GREY);
        assertThat(PngSamples.data(out, "sBIT")).singleElement().satisfies(d -> assertThat(d).containsExactly(8));
        assertThat(PngSamples.data(out, "bKGD")).singleElement().satisfies(d -> assertThat(d).containsExactly(0, 17));
    }

    @Test
    void textAndXmpChunksAreKeptByteForByte() {
        byte[] in = png(300, 20, 8, PngHeader.RGB, (x, y) -> new int[] {x % 256, y, 3});
        byte[] protectedPng = PngSamples.rewrite(in, FixedMetadataPlan.privacy());

        byte[] out = new PngOptimizer().optimize(protectedPng, OptimizeEffort.DEFAULT, MAX_PIXELS).bytes();

        assertThat(ancillary(out)).usingElementComparator(Arrays::compare).isEqualTo(ancillary(protectedPng));
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(FixedMetadataPlan.DATA_MINING);
    }

    @Test
    void largeFlatImageShrinksToAFewHundredBytes() {
        byte[] in = png(2000, 2000, 8, PngHeader.RGBA, (x, y) -> new int[] {30, 60, 90, 255});

        byte[] out = optimized(in);

        assertThat(out.length).isLessThan(in.length).isLessThan(2000);
        assertSamePixels(in, out);
    }

    @Test
    void smallPngGetsSmallerThanItsProtectedInput() {
        byte[] in = png(32, 32, 8, PngHeader.RGBA, (x, y) -> new int[] {x * 8, y * 8, 0, 255});
        byte[] protectedPng = PngSamples.rewrite(in, FixedMetadataPlan.privacy());

        LosslessOptimizer.Result result = new PngOptimizer().optimize(protectedPng, OptimizeEffort.DEFAULT, MAX_PIXELS);

        assertThat(result.bytes().length).as(result.note()).isLessThan(protectedPng.length);
    }

    @Test
    void animatedPngIsLeftAsItWas() {
        byte[] apng = PngSamples.fixture("anim.png");

        LosslessOptimizer.Result result = new PngOptimizer().optimize(apng, OptimizeEffort.MAX, MAX_PIXELS);

        assertThat(result.bytes()).isSameAs(apng);
        assertThat(result.note()).contains("APNG");
    }

    @Test
    void imageAboveThePixelLimitIsLeftAsItWas() {
        byte[] in = png(100, 100, 8, PngHeader.GREY, (x, y) -> new int[] {x});

        LosslessOptimizer.Result result = new PngOptimizer().optimize(in, OptimizeEffort.DEFAULT, 9_999);

        assertThat(result.bytes()).isSameAs(in);
        assertThat(result.note()).contains("pixel limit");
    }

    @Test
    void corruptZlibDataIsAnImageFormatExceptionAtTheIdatOffset() {
        byte[] in = png(10, 10, 8, PngHeader.GREY, (x, y) -> new int[] {x});
        PngChunk idat = PngOptimizer.first(PngChunkReader.read(in), "IDAT");
        in[idat.dataOffset() + 3] ^= 0x55;
        PngRewriterFuzzTest.repairCrcs(in);

        assertThatThrownBy(() -> new PngOptimizer().optimize(in, OptimizeEffort.DEFAULT, MAX_PIXELS))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("at offset " + idat.offset());
    }

    @Test
    void imageDataShorterThanIhdrSaysIsAnImageFormatException() {
        byte[] in = png(10, 10, 8, PngHeader.GREY, (x, y) -> new int[] {x});
        Bytes.putU32be(in, 8 + 8 + 4, 11); // IHDR height 10 -> 11: one row missing
        PngRewriterFuzzTest.repairCrcs(in);

        assertThatThrownBy(() -> new PngOptimizer().optimize(in, OptimizeEffort.DEFAULT, MAX_PIXELS))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("expected 121 bytes of image data");
    }

    @Test
    void imageDataLongerThanIhdrSaysIsAnImageFormatException() {
        byte[] in = png(10, 10, 8, PngHeader.GREY, (x, y) -> new int[] {x});
        Bytes.putU32be(in, 8 + 8 + 4, 9); // IHDR height 10 -> 9: one row too many
        PngRewriterFuzzTest.repairCrcs(in);

        assertThatThrownBy(() -> new PngOptimizer().optimize(in, OptimizeEffort.DEFAULT, MAX_PIXELS))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("found more");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    interface Pixels {
        int[] at(int x, int y);
    }

    private static byte[] optimized(byte[] png) {
        byte[] out = new PngOptimizer().optimize(png, OptimizeEffort.DEFAULT, MAX_PIXELS).bytes();
        PngSamples.assertPngcheckPasses(out);
        return out;
    }

    private static void assertSamePixels(byte[] expected, byte[] actual) {
        assertThat(Images.rgba("png", actual)).isEqualTo(Images.rgba("png", expected));
    }

    private static PngHeader header(byte[] png) {
        return PngHeader.of(PngChunkReader.read(png));
    }

    private static List<byte[]> ancillary(byte[] png) {
        PngFile file = PngChunkReader.read(png);
        return file.chunks().stream().filter(c -> !c.critical())
                .map(c -> Arrays.copyOfRange(png, c.offset(), c.end())).toList();
    }

    /** A non-interlaced PNG, every row with filter 0, samples as {@code pixels} gives them (bit depth 8 or 16). */
    static byte[] png(int width, int height, int depth, int colourType, Pixels pixels) {
        int channels = PngHeader.channels(colourType);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0);
            for (int x = 0; x < width; x++) {
                int[] samples = pixels.at(x, y);
                for (int c = 0; c < channels; c++) {
                    if (depth == 16) {
                        raw.write(samples[c] >>> 8);
                    }
                    raw.write(samples[c]);
                }
            }
        }
        PngHeader header = new PngHeader(width, height, depth, colourType, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PngChunkReader.SIGNATURE);
        out.writeBytes(PngSamples.chunk("IHDR", header.ihdr()));
        out.writeBytes(PngSamples.chunk("IDAT", PngSamples.deflate(raw.toByteArray())));
        out.writeBytes(PngSamples.chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] withChunksBeforeIdat(byte[] png, byte[]... chunks) {
        int idat = PngOptimizer.first(PngChunkReader.read(png), "IDAT").offset();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, idat);
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        out.write(png, idat, png.length - idat);
        return out.toByteArray();
    }

    /** An iCCP chunk's data: a profile header that says only its colour space (enough for PNG readers to keep). */
    private static byte[] iccp(String colourSpace) {
        byte[] profile = new byte[128];
        Bytes.putU32be(profile, 0, 128);
        System.arraycopy(colourSpace.getBytes(StandardCharsets.US_ASCII), 0, profile, 16, 4);
        System.arraycopy("XYZ ".getBytes(StandardCharsets.US_ASCII), 0, profile, 20, 4);
        System.arraycopy("acsp".getBytes(StandardCharsets.US_ASCII), 0, profile, 36, 4);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("test".getBytes(StandardCharsets.US_ASCII));
        data.write(0);
        data.write(0);
        data.writeBytes(PngSamples.deflate(profile));
        return data.toByteArray();
    }
}
