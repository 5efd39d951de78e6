package org.imageguard.engine.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.imageguard.config.ConfigLoader;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pixel transforms through the engine's front door, checked with ImageMagick, exiftool and jpeginfo. The photo
 * fixture is 480×300 stored, EXIF orientation 6 (shown 300×480), quality 95, with an ICC profile, GPS, a serial
 * number and an owner name; the PNG fixture is 240×150 RGBA.
 */
class PixelTransformsTest {

    private static final byte[] PHOTO = Fixtures.bytes(PixelTransformsTest.class, "/pixels/photo.jpg");
    private static final byte[] ALPHA = Fixtures.bytes(PixelTransformsTest.class, "/pixels/alpha.png");
    private final ImageGuardEngine engine = new ImageGuardEngine();

    static Policy policy(String yaml) {
        return ConfigLoader.load("protection: {}\n" + yaml, "t.yaml").policy();
    }

    @Test
    void lossyJpegIsSmallerCloseToTheOriginalAndStillProtected() {
        RewriteResult result = engine.rewrite(PHOTO, policy("optimize: {mode: lossy, jpeg-quality: 82}\n"));
        byte[] out = result.bytes();

        assertThat(out.length).isLessThan(PHOTO.length * 3 / 4);
        assertThat(identify(out, "%Q")).isEqualTo("82");
        assertThat(psnr(displayed(PHOTO), displayed(out))).isGreaterThanOrEqualTo(31);
        assertProtected(out);
        assertThat(result.report().added()).contains("JPEG encoded at quality 82 (source ~95)");
    }

    @Test
    void autoQualityPicksAQualityPerImageAndReportsIt() {
        RewriteResult result = engine.rewrite(PHOTO, policy("optimize: {mode: lossy, jpeg-quality: auto}\n"));
        String note = result.report().added().stream().filter(n -> n.startsWith("JPEG encoded at quality "))
                .findFirst().orElseThrow();
        int chosen = Integer.parseInt(note.replaceAll("JPEG encoded at quality (\\d+) .*", "$1"));

        assertThat(note).contains("(auto: SSIM 0.9", "target 0.98; source ~95)");
        assertThat(chosen).isBetween(QualitySearch.LOWEST, 94);
        assertThat(identify(result.bytes(), "%Q")).isEqualTo(Integer.toString(chosen));
        assertThat(result.bytes().length).isLessThan(PHOTO.length);
        assertThat(psnr(displayed(PHOTO), displayed(result.bytes()))).isGreaterThanOrEqualTo(31);
        assertProtected(result.bytes());
    }

    @Test
    void resizeFitsTheBoxUprightWithoutUpscaling() {
        byte[] out = engine.rewrite(PHOTO, policy("optimize: {mode: none, max-width: 200, max-height: 200}\n")).bytes();

        // Shown 300×480, so the height binds: 125×200.
        assertThat(identify(out, "%wx%h")).isEqualTo("125x200");
        byte[] expected = ExternalTool.runOk(List.of("convert", "jpeg:-", "-auto-orient", "-resize", "200x200",
                "ppm:-"), PHOTO);
        assertThat(meanAbsoluteError(expected, displayed(out))).isLessThan(0.03);
        assertProtected(out);

        byte[] small = engine.rewrite(PHOTO, policy("optimize: {mode: none, max-width: 4000}\n")).bytes();
        assertThat(small).isEqualTo(engine.rewrite(PHOTO, policy("optimize: {mode: none}\n")).bytes());
    }

    /** The fixture's EXIF claims 2560×1600 (ExifImageWidth/Height) and orientation 6: both must follow the pixels. */
    @Test
    void exifSizeAndOrientationDescribeTheNewPixels() {
        byte[] resized = engine.rewrite(PHOTO, policy("optimize: {mode: none, max-width: 200, max-height: 200}\n"))
                .bytes();
        byte[] turned = engine.rewrite(PHOTO, policy("optimize: {mode: lossy, jpeg-quality: 82}\n")).bytes();
        byte[] webp = engine.rewriteAsWebp(PHOTO, policy("optimize: {webp: true, max-width: 200}\n")).bytes();

        assertThat(exifSizeAndOrientation(resized)).isEqualTo("125 200 1");
        assertThat(exifSizeAndOrientation(turned)).isEqualTo("300 480 1");
        assertThat(exifSizeAndOrientation(webp)).isEqualTo("200 320 1");
    }

    private static String exifSizeAndOrientation(byte[] image) {
        return Images.exiftool(image, "-s3", "-n", "-ExifImageWidth", "-ExifImageHeight", "-Orientation")
                .requireSuccess().out().trim().replaceAll("\\s+", " ");
    }

    /** Every EXIF orientation is turned into the pixels as ImageMagick's -auto-orient shows it. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyOrientationIsBakedAsViewersShowIt(int orientation) {
        byte[] oriented = Images.exiftool(PHOTO, "-Orientation#=" + orientation, "-o", "-").stdout();
        byte[] out = engine.rewrite(oriented, policy("optimize: {mode: none, max-width: 240, max-height: 240}\n"))
                .bytes();

        byte[] expected = ExternalTool.runOk(List.of("convert", "jpeg:-", "-auto-orient", "-resize", "240x240",
                "ppm:-"), oriented);
        assertThat(meanAbsoluteError(expected, displayed(out))).isLessThan(0.03);
        assertThat(Images.exiftool(out, "-s", "-s", "-s", "-Orientation#").out().trim()).isEqualTo("1");
    }

    @Test
    void resizedPngStaysPngWithItsAlpha() {
        byte[] out = engine.rewrite(ALPHA, policy("optimize: {max-width: 200}\n")).bytes();

        assertThat(identify(out, "%m %wx%h %A")).isEqualTo("PNG 200x125 True");
        assertThat(Images.exiftoolDataMining(out)).isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        ExternalTool.runOk(List.of("pngcheck", "-q", ExternalTool.tempFile(out, ".png").toString()), new byte[0]);
    }

    /** Quadrants: top-left, top-right, bottom-left, bottom-right. A corner touches its own only; tiled all four. */
    @ParameterizedTest
    @CsvSource({"top-left, true, false, false, false", "bottom-right, false, false, false, true",
        "tiled, true, true, true, true"})
    void watermarkChangesPixelsInItsRegionOnly(String position, boolean tl, boolean tr, boolean bl, boolean br) {
        byte[] png = uprightPng();
        byte[] out = engine.rewrite(png, policy("watermark: {enabled: true, text: '© Example', position: " + position
                + ", opacity: 0.5, min-width: 100}\n")).bytes();

        boolean[] changed = changedQuadrants(Images.rgba("png", png), Images.rgba("png", out), 300, 480);
        assertThat(changed).containsExactly(tl, tr, bl, br);
    }

    /** A logo alone, made by ImageMagick: a corner changes only its quadrant; tiled changes every quadrant. */
    @ParameterizedTest
    @CsvSource({"top-left, true, false, false, false", "bottom-right, false, false, false, true",
            "tiled, true, true, true, true"})
    void logoChangesPixelsInItsRegionOnly(String position, boolean tl, boolean tr, boolean bl, boolean br) {
        Path logo = ExternalTool.tempFile(ExternalTool.runOk(List.of("convert", "-size", "120x40", "xc:red",
                "-fill", "blue", "-draw", "circle 20,20 20,5", "png:-"), new byte[0]), ".png");
        byte[] png = uprightPng();
        byte[] out = engine.rewrite(png, policy("watermark: {enabled: true, logo: '" + logo + "', position: "
                + position + ", opacity: 0.8, min-width: 100}\n")).bytes();

        boolean[] changed = changedQuadrants(Images.rgba("png", png), Images.rgba("png", out), 300, 480);
        assertThat(changed).containsExactly(tl, tr, bl, br);
    }

    @Test
    void watermarkSkipsImagesNarrowerThanMinWidth() {
        Policy narrowOnly = policy("watermark: {enabled: true, text: x, min-width: 1000}\noptimize: {mode: none}\n");
        assertThat(engine.rewrite(PHOTO, narrowOnly).bytes())
                .isEqualTo(engine.rewrite(PHOTO, policy("optimize: {mode: none}\n")).bytes());
    }

    @Test
    void sourceAtOrBelowTheTargetQualityIsNotReencoded() {
        RewriteResult result = engine.rewrite(PHOTO, policy("optimize: {mode: lossy, jpeg-quality: 95}\n"));
        assertThat(identify(result.bytes(), "%wx%h")).isEqualTo("480x300");
        assertThat(result.report().added()).contains("lossy re-encoding skipped: source quality ~95 is at or below 95");
    }

    @Test
    void resizeOverMaxPixelsLeavesThePixelsButStillProtects() {
        Policy policy = policy("optimize: {max-width: 100}\nlimits: {max-pixels: 1000}\n");
        RewriteResult result = engine.rewrite(PHOTO, policy);
        assertThat(identify(result.bytes(), "%wx%h")).as("not decoded, not resized").isEqualTo("480x300");
        assertThat(result.report().added()).anyMatch(note -> note.contains("pixels left as they are")
                && note.contains("480×300 = 144000 pixels is over limits.max-pixels (1000)"));
        assertThat(Images.exiftoolDataMining(result.bytes()))
                .isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        assertThat(Images.exiftool(result.bytes(), "-s", "-GPS:all", "-SerialNumber", "-OwnerName")
                .requireSuccess().out()).doesNotContain("GPS", "SerialNumber", "OwnerName");
    }

    @Test
    void cmykJpegIsProtectedButLeftInItsColourSpace() {
        byte[] cmyk = Fixtures.bytes(PixelTransformsTest.class, "/jpeg/cmyk.jpg");
        RewriteResult result = engine.rewrite(cmyk, policy("optimize: {mode: lossy, jpeg-quality: 50}\n"));
        assertThat(identify(result.bytes(), "%[colorspace]")).isEqualTo("CMYK");
        List<String> rawCmyk = List.of("convert", "-", "-depth", "8", "cmyk:-");
        assertThat(ExternalTool.runOk(rawCmyk, result.bytes())).isEqualTo(ExternalTool.runOk(rawCmyk, cmyk));
        assertThat(result.report().added()).anyMatch(note -> note.startsWith("pixels left as they are (CMYK"));
        assertThat(Images.exiftoolDataMining(result.bytes())).isNotEmpty();
    }

    /**
     * A JFIF file that also carries an Adobe APP14 segment saying "no colour transform": the JDK's reader refuses the
     * contradiction ("Unsupported Image Type"); libjpeg, and so ImageMagick, follow JFIF (YCbCr), and so must we.
     */
    @Test
    void jfifWithContradictingAdobeSegmentIsDecodedAsLibjpegDoes() {
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        int afterJfif = 2 + 2 + (((PHOTO[4] & 0xFF) << 8) | (PHOTO[5] & 0xFF));
        byte[] mixed = new byte[PHOTO.length + adobe.length];
        System.arraycopy(PHOTO, 0, mixed, 0, afterJfif);
        System.arraycopy(adobe, 0, mixed, afterJfif, adobe.length);
        System.arraycopy(PHOTO, afterJfif, mixed, afterJfif + adobe.length, PHOTO.length - afterJfif);

        byte[] out = engine.rewrite(mixed, policy("optimize: {mode: none, max-width: 200, max-height: 200}\n"))
                .bytes();

        assertThat(identify(out, "%wx%h")).isEqualTo("125x200");
        byte[] expected = ExternalTool.runOk(List.of("convert", "jpeg:-", "-auto-orient", "-resize", "200x200",
                "ppm:-"), mixed);
        assertThat(meanAbsoluteError(expected, displayed(out))).isLessThan(0.03);
        assertProtected(out);
    }

    /** Animated GIFs are left alone: every frame keeps its size and pixels, the file is still protected. */
    @Test
    void animatedGifIsProtectedButNotResizedOrWatermarked() {
        byte[] gif = ExternalTool.runOk(List.of("convert", "-delay", "10", "-size", "400x300", "xc:red", "xc:green",
                "xc:blue", "gif:-"), new byte[0]);
        RewriteResult result = engine.rewrite(gif, policy("optimize: {max-width: 100}\n"
                + "watermark: {enabled: true, text: '© Example', min-width: 10}\n"));

        assertThat(identify(result.bytes(), "%wx%h,")).isEqualTo("400x300,400x300,400x300,");
        List<String> frames = List.of("convert", "gif:-", "-coalesce", "-depth", "8", "rgba:-");
        assertThat(ExternalTool.runOk(frames, result.bytes())).isEqualTo(ExternalTool.runOk(frames, gif));
        assertThat(result.report().added()).anyMatch(note -> note.startsWith("pixels left as they are (GIF"));
        assertThat(Images.exiftoolDataMining(result.bytes()))
                .isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
    }

    @Test
    void webpFromJpegIsLossyUprightWithProfileExifAndXmp() {
        RewriteResult result = engine.rewriteAsWebp(PHOTO, policy("optimize: {webp: true}\n"));
        byte[] webp = result.bytes();

        assertThat(identify(webp, "%m %wx%h")).isEqualTo("WEBP 300x480");
        assertThat(psnr(displayed(PHOTO), displayed(webp))).isGreaterThanOrEqualTo(31);
        assertProtectedLossyWebp(webp);
    }

    /**
     * A WebP miss also needs the image in its own format (served when the WebP is not smaller), and a file rewritten
     * with its WebP copy needs both: either way the photo is decoded, turned, resized and re-encoded once.
     */
    @Test
    void aWebpVariantAndTheImageInItsOwnFormatComeFromOneDecode() {
        Policy policy = policy("optimize: {mode: lossy, jpeg-quality: 82, webp: true, max-width: 200}\n");

        long before = PixelStage.decodes();
        RewriteResult negotiated = engine.rewriteAsWebp(PHOTO, policy);
        assertThat(PixelStage.decodes() - before).as("decodes for a WebP miss").isEqualTo(1);
        assertThat(identify(negotiated.bytes(), "%m %wx%h")).isEqualTo("WEBP 200x320");
        assertProtectedLossyWebp(negotiated.bytes());

        before = PixelStage.decodes();
        ImageGuardEngine.WebpRenditions both = engine.rewriteAndOptimizeWithWebp(PHOTO, policy);
        assertThat(PixelStage.decodes() - before).as("decodes for an image and its WebP copy").isEqualTo(1);
        assertThat(both.webp().bytes()).isEqualTo(negotiated.bytes());
        assertThat(identify(both.own().bytes(), "%m %wx%h")).isEqualTo("JPEG 200x320");
        assertProtected(both.own().bytes());
        assertThat(both.own().report().added()).contains("resized 300×480 → 200×320",
                "JPEG encoded at quality 82 (source ~95)");
        assertThat(both.webp().report().added()).contains("resized 300×480 → 200×320", "WebP lossy at quality 82");
    }

    @Test
    void webpFromPngIsLosslessWithItsAlpha() {
        byte[] webp = engine.rewriteAsWebp(ALPHA, policy("optimize: {webp: true}\n")).bytes();

        assertThat(identify(webp, "%m")).isEqualTo("WEBP");
        // Lossless for what shows: alpha, and colour wherever a pixel is not fully transparent (libwebp may change
        // the colour under alpha 0, which nothing displays).
        for (List<String> view : List.of(List.of("-alpha", "extract"), List.of("-background", "black", "-alpha",
                "remove"))) {
            assertThat(pixels(webp, view)).isEqualTo(pixels(ALPHA, view));
        }
        assertThat(Images.exiftoolDataMining(webp)).isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
    }

    @Test
    void pipelineReservationCoversTheDecodedPixels() {
        long needed = engine.pixelBytesNeeded(PHOTO, policy("optimize: {max-width: 100}\n"));
        // The decoder's image beside the 32-bit working copy, at the source size, and the file twice.
        assertThat(needed).isEqualTo(2L * 480 * 300 * 4 + 2L * PHOTO.length);
        assertThat(engine.pixelBytesNeeded(PHOTO, policy("optimize: {max-width: 100}\nlimits: {max-pixels: 1000}\n")))
                .as("over max-pixels: refused before decoding, nothing to reserve").isZero();
        assertThat(engine.pixelBytesNeeded(PHOTO, policy("optimize: {mode: lossless}\n"))).isZero();
    }

    /** DataMining kept; GPS, serial number and owner gone; the ICC profile carried over; orientation normal. */
    private static void assertProtectedLossyWebp(byte[] webp) {
        assertThat(Images.exiftoolDataMining(webp)).isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        String tags = Images.exiftool(webp, "-s", "-GPS:all", "-SerialNumber", "-OwnerName", "-Orientation#",
                "-ProfileDescription").requireSuccess().out();
        assertThat(tags).doesNotContain("GPS", "SerialNumber", "OwnerName")
                .contains("ProfileDescription              : Artifex Software sRGB ICC Profile")
                .contains("Orientation                     : 1");
        String info = new String(ExternalTool.runOk(List.of("webpinfo", ExternalTool.tempFile(webp, ".webp")
                .toString()), new byte[0]));
        assertThat(info).contains("Format: Lossy", "No error detected.");
    }

    private static void assertProtected(byte[] jpeg) {
        assertThat(Images.exiftoolDataMining(jpeg)).isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        String tags = Images.exiftool(jpeg, "-s", "-GPS:all", "-SerialNumber", "-OwnerName", "-Orientation#",
                "-ProfileDescription").requireSuccess().out();
        assertThat(tags).doesNotContain("GPS", "SerialNumber", "OwnerName")
                .contains("ProfileDescription              : Artifex Software sRGB ICC Profile");
        assertThat(tags).containsAnyOf("Orientation                     : 1", "ProfileDescription");
        assertThat(tags).doesNotContain("Orientation                     : 6");
        ExternalTool.runOk(List.of("jpeginfo", "-c", ExternalTool.tempFile(jpeg, ".jpg").toString()), new byte[0]);
    }

    /** The photo upright (300×480) as a PNG, so every pixel change is the watermark's. */
    private static byte[] uprightPng() {
        return ExternalTool.runOk(List.of("convert", "jpeg:-", "-auto-orient", "-strip", "png:-"), PHOTO);
    }

    private static byte[] pixels(byte[] image, List<String> operations) {
        List<String> command = new java.util.ArrayList<>(List.of("convert", "-"));
        command.addAll(operations);
        command.addAll(List.of("-depth", "8", "rgb:-")); // raw samples: no header, no comment
        return ExternalTool.runOk(command, image);
    }

    private static String identify(byte[] image, String format) {
        return new String(ExternalTool.runOk(List.of("identify", "-format", format, "-"), image)).trim();
    }

    /** Upright pixels as a binary PPM, as ImageMagick shows them. */
    private static byte[] displayed(byte[] image) {
        return ExternalTool.runOk(List.of("convert", "-", "-auto-orient", "ppm:-"), image);
    }

    private static double psnr(byte[] a, byte[] b) {
        return Double.parseDouble(compare("PSNR", a, b));
    }

    private static double meanAbsoluteError(byte[] a, byte[] b) {
        String out = compare("MAE", a, b); // "123.4 (0.00188)"
        return Double.parseDouble(out.substring(out.indexOf('(') + 1, out.indexOf(')')));
    }

    private static String compare(String metric, byte[] a, byte[] b) {
        Path first = ExternalTool.tempFile(a, ".ppm");
        Path second = ExternalTool.tempFile(b, ".ppm");
        ExternalTool.Result result = ExternalTool.run(List.of("compare", "-metric", metric, first.toString(),
                second.toString(), "null:"), new byte[0]);
        return result.stderr().trim();
    }

    /** Which quadrants (top-left, top-right, bottom-left, bottom-right) hold a changed pixel, from 16-bit RGBA. */
    private static boolean[] changedQuadrants(byte[] before, byte[] after, int width, int height) {
        assertThat(after).hasSameSizeAs(before);
        boolean[] changed = new boolean[4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = (y * width + x) * 8;
                for (int i = 0; i < 8; i++) {
                    if (before[at + i] != after[at + i]) {
                        changed[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)] = true;
                        break;
                    }
                }
            }
        }
        return changed;
    }
}
