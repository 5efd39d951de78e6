package org.imageguard.engine.pixels;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import org.imageguard.config.ConfigValues;
import org.imageguard.config.OptimizeMode;
import org.imageguard.config.OptimizeSettings;
import org.imageguard.config.Policy;
import org.imageguard.config.WatermarkSettings;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.RewriteReport;

/**
 * The pixel transforms a policy asks for, run on an image whose metadata is already protected: decode (after checking
 * the header's size against {@code limits.max-pixels}), turn upright as the EXIF orientation says, shrink into
 * {@code max-width × max-height}, draw the watermark, encode (JPEG at the lossy or the source's quality, PNG
 * losslessly), and carry the protected metadata records over to the new file. The engine then runs the format's
 * metadata rewriter on the result once more, so the served bytes pass the same protection as any other.
 *
 * <p>When a resize or a watermark cannot be done (too many pixels, too large for the heap, undecodable data) the
 * protected image is served with its pixels as they are and the report says why: failing the image instead would let
 * {@code on-error: passthrough} send the unprotected original. Lossy re-encoding only saves bytes: when it cannot be
 * done, or saves less than {@code min-saving}, the protected image is served as it was and the report says why.
 *
 * <p>Left alone (protected, pixels untouched) with a note in the report, whatever the policy: CMYK/YCCK JPEGs (the
 * decoder could hand over their CMYK numbers, but neither the JDK's JPEG writer nor libwebp writes CMYK: re-encoding
 * them as YCbCr or RGB would convert colours behind the ICC profile's back), arithmetic-coded and lossless JPEGs,
 * animated PNGs, GIFs and WebP sources.
 *
 * <pre>{@code
 * PixelStage stage = new PixelStage();
 * byte[] out = stage.transform(protectedJpeg, metadata, policy, report); // null: nothing to do
 * }</pre>
 */
public final class PixelStage {

    /** Quality for a resize or watermark of a JPEG whose own quality is unknown (no libjpeg-like table). */
    private static final int DEFAULT_QUALITY = 90;
    /** A resize or watermark re-encodes at the source's quality, but never above this: higher only adds bytes. */
    private static final int MAX_QUALITY = 95;
    /** Lossy WebP quality under {@code jpeg-quality: auto}, which searches JPEG qualities only. */
    private static final int WEBP_AUTO_QUALITY = 82;
    /** A 32-bit working image: what one copy of the pixels takes, per pixel. */
    private static final int BYTES_PER_COPY = 4;
    /** Signature (8), IHDR length and type (8), width and height (8). */
    private static final int PNG_BIT_DEPTH_OFFSET = 24;
    private static final AtomicLong DECODES = new AtomicLong();

    /**
     * Images this JVM's pixel stages have decoded so far: a decode is the costliest step of a transform, and tests
     * use the count to hold one request (or one file with its WebP copy) to one decode.
     */
    public static long decodes() {
        return DECODES.get();
    }

    /** Whether the policy asks for anything that needs pixels. */
    public static boolean wanted(Policy policy) {
        return policy.optimize().decodesPixels() || policy.watermark().enabled();
    }

    /**
     * Bytes of heap the transform of {@code image} ({@code width × height} in its header) may hold at its peak; 0
     * when the policy needs no pixels or the stage never decodes this format. Counted from what the code keeps alive
     * at once, at 4 bytes a pixel per copy:
     * <ul>
     *   <li>at the source size, 2 copies: the decoder's image (3 bytes a pixel for a colour JPEG, 4 for 8-bit RGBA)
     *       beside the 32-bit working copy ({@link WorkingImage#from}); then the working copy beside its upright copy
     *       ({@link Orientation#apply}), or beside the first half-size step of {@link Downscaler} (a quarter). A
     *       16-bit PNG decodes to up to 8 bytes a pixel: 3 copies;</li>
     *   <li>at the output size, 2 copies (the working image and the encoder's or the grey copy; {@link Watermarker}
     *       draws in place), 4 when {@code jpeg-quality: auto} or WebP is asked for (the reference luma, a decoded
     *       candidate and its luma; the WebP encoder's RGBA array);</li>
     *   <li>and the compressed file twice: the decoder's copy without the ICC profile and ImageIO's in-memory
     *       stream cache.</li>
     * </ul>
     * The source-size copies are gone before the output-size ones are made, so the peak is the larger of the two.
     * A {@code watermark.logo} adds its decoded image and its scaled copy, held while the output copies are.
     */
    public static long bytesNeeded(byte[] image, ImageMetadata metadata, Policy policy) {
        int width = metadata.width();
        int height = metadata.height();
        ImageFormat format = metadata.format();
        if (!wanted(policy) || width <= 0 || height <= 0
                || (format != ImageFormat.JPEG && format != ImageFormat.PNG)) {
            return 0;
        }
        long source = (long) width * height * BYTES_PER_COPY * (isSixteenBitPng(image, format) ? 3 : 2);
        OptimizeSettings o = policy.optimize();
        // Either way round: the EXIF orientation may swap the axes before the resize.
        Dimension fit = Downscaler.fit(width, height, o.maxWidth(), o.maxHeight());
        Dimension turned = Downscaler.fit(height, width, o.maxWidth(), o.maxHeight());
        long outputPixels = Math.max((long) fit.width * fit.height, (long) turned.width * turned.height);
        long output = outputPixels * BYTES_PER_COPY * (o.autoQuality() || o.webp() ? 4 : 2);
        long logo = policy.watermark().logo().map(l -> 2L * l.width() * l.height() * BYTES_PER_COPY).orElse(0L);
        return Math.max(source, output + logo) + 2L * image.length;
    }

    /** PNG's IHDR bit depth, at a fixed offset after the signature and the chunk's length and type. */
    private static boolean isSixteenBitPng(byte[] image, ImageFormat format) {
        return format == ImageFormat.PNG && image.length > PNG_BIT_DEPTH_OFFSET
                && image[PNG_BIT_DEPTH_OFFSET] == 16;
    }

    /**
     * The transformed image with the source's metadata records carried over, or null when the policy needs nothing
     * done to this image (the report says why when it is not obvious). A resize or watermark that cannot be done (over
     * {@code limits.max-pixels}, over half the heap, pixel data the decoder refuses) leaves the pixels as they are and
     * says so in the report: the caller's protected image stands.
     *
     * @param metadata what the format's reader found in {@code image}: size, frames, EXIF
     */
    public byte[] transform(byte[] image, ImageMetadata metadata, Policy policy, RewriteReport.Builder report) {
        ImageFormat format = metadata.format();
        Work work = Work.of(policy, format);
        if (!work.any()) {
            return null;
        }
        String leftAlone = leftAloneBecause(image, metadata);
        if (leftAlone != null) {
            return skip(work, leftAlone, report);
        }
        try {
            return run(image, metadata, policy, work, report, null);
        } catch (IOException | RuntimeException e) {
            return failed(work, e, report);
        }
    }

    private static String leftAloneBecause(byte[] image, ImageMetadata metadata) {
        return switch (metadata.format()) {
            case JPEG -> {
                JpegHeader header = JpegHeader.read(image);
                if (header.components() == 4) {
                    yield "CMYK/YCCK JPEG (kept in its own colour space)";
                }
                yield header.huffmanDct() ? null : "arithmetic-coded or lossless JPEG";
            }
            case PNG -> MetadataCarrier.isAnimatedPng(image) ? "animated PNG" : null;
            case GIF -> "GIF (palette and animation kept as they are)";
            default -> metadata.format() + " source (no decoder)";
        };
    }

    private static byte[] skip(Work work, String why, RewriteReport.Builder report) {
        report.added("pixels left as they are (" + why + "): "
                + (work.mandatory() ? work.describe() : "lossy re-encoding") + " not applied");
        return null;
    }

    /** The stored image as the decoder will see it, its size checked against the limit, nothing decoded yet. */
    private record Source(byte[] bytes, JpegHeader jpeg, byte[] decodable, Orientation orientation, int width,
                          int height, int quality) {

        static Source open(byte[] image, ImageMetadata metadata, Policy policy) throws IOException {
            ImageFormat format = metadata.format();
            JpegHeader jpeg = format == ImageFormat.JPEG ? JpegHeader.read(image) : null;
            byte[] decodable = jpeg != null ? jpeg.decodable() : MetadataCarrier.pngWithoutIccProfile(image);
            Dimension stored = PixelCodec.size(decodable, jpeg != null ? "jpeg" : "png");
            long pixels = (long) stored.width * stored.height;
            if (pixels > policy.limits().maxPixels()) {
                throw new ImageFormatException(format, -1, stored.width + "×" + stored.height + " = " + pixels
                        + " pixels is over limits.max-pixels (" + policy.limits().maxPixels() + ")");
            }
            // A last guard for heaps smaller than max-pixels assumes: one transform never takes half the heap.
            long needed = bytesNeeded(image, metadata, policy);
            long heap = Runtime.getRuntime().maxMemory();
            if (needed > heap / 2) {
                throw new ImageFormatException(format, -1, stored.width + "×" + stored.height + " needs about "
                        + (needed >> 20) + " MB of heap to transform, more than half the heap (" + (heap >> 20)
                        + " MB)");
            }
            Orientation orientation = metadata.exif() == null ? Orientation.NORMAL
                    : ExifOrientation.read(metadata.exif(), 0, metadata.exif().length);
            boolean swap = orientation.swapsAxes();
            return new Source(image, jpeg, decodable, orientation, swap ? stored.height : stored.width,
                    swap ? stored.width : stored.height, jpeg == null ? 0 : JpegQuality.estimate(jpeg));
        }

        /** Decoded, as 8-bit RGB(A), turned upright. */
        Decoded decodeUpright(RewriteReport.Builder report) throws IOException {
            BufferedImage decoded = PixelCodec.decode(decodable, jpeg != null ? "jpeg" : "png");
            DECODES.incrementAndGet();
            ColourKind kind = WorkingImage.kindOf(decoded);
            BufferedImage working = WorkingImage.from(decoded, kind);
            decoded = null; // let the decoder's copy go before the next allocation
            if (orientation != Orientation.NORMAL) {
                working = orientation.apply(working);
                report.added("EXIF orientation " + orientation.name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + " turned into the pixels (tag set to 1)");
            }
            return new Decoded(working, kind);
        }
    }

    private record Decoded(BufferedImage working, ColourKind kind) {
    }

    /** What the policy makes of this image: its output size and whether it is resized and watermarked. */
    private record Shape(Dimension size, boolean resize, boolean watermark) {

        static Shape of(Source source, Policy policy) {
            OptimizeSettings o = policy.optimize();
            Dimension size = Downscaler.fit(source.width(), source.height(), o.maxWidth(), o.maxHeight());
            boolean resize = size.width != source.width() || size.height != source.height();
            WatermarkSettings w = policy.watermark();
            return new Shape(size, resize, w.enabled() && size.width >= w.minWidth());
        }
    }

    /** Decoded, upright, resized and watermarked as {@code shape} says. */
    private static Decoded shaped(Source source, Shape shape, Policy policy, RewriteReport.Builder report)
            throws IOException {
        Decoded decoded = source.decodeUpright(report);
        BufferedImage working = decoded.working();
        if (shape.resize()) {
            working = Downscaler.scale(working, shape.size());
            report.added("resized " + source.width() + "×" + source.height() + " → " + shape.size().width + "×"
                    + shape.size().height);
        }
        if (shape.watermark()) {
            Watermarker.draw(working, policy.watermark(), logo(policy.watermark()));
            report.added("watermark " + policy.watermark().describe() + " "
                    + policy.watermark().position().yamlName());
        }
        report.dimensions(shape.size().width, shape.size().height);
        return new Decoded(working, decoded.kind());
    }

    /** The configured logo decoded (it decoded when the configuration loaded), or null without one. */
    private static BufferedImage logo(WatermarkSettings settings) throws IOException {
        if (settings.logo().isEmpty()) {
            return null;
        }
        byte[] bytes = settings.logo().get().bytes();
        return PixelCodec.decode(bytes, (bytes[0] & 0xFF) == 0x89 ? "png" : "jpeg");
    }

    /** {@code shared}: the image already decoded and shaped (for its WebP variant), or null to decode it here. */
    private byte[] run(byte[] image, ImageMetadata metadata, Policy policy, Work work, RewriteReport.Builder report,
                       Shaped shared) throws IOException {
        Source source = shared != null ? shared.source() : Source.open(image, metadata, policy);
        OptimizeSettings o = policy.optimize();
        Shape shape = Shape.of(source, policy);
        boolean resize = shape.resize();
        boolean watermark = shape.watermark();
        int sourceQuality = source.quality();
        int ceiling = o.autoQuality() ? QualitySearch.LOWEST : o.jpegQuality();
        boolean lossy = work.lossy() && (sourceQuality == 0 || sourceQuality > ceiling);
        if (!resize && !watermark && !lossy) {
            if (work.lossy()) {
                report.added("lossy re-encoding skipped: source quality ~" + sourceQuality + " is at or below "
                        + ceiling);
            }
            return null;
        }
        Decoded decoded;
        if (shared != null) {
            shared.notes().added().forEach(report::added);
            report.dimensions(shared.notes().width(), shared.notes().height());
            decoded = shared.decoded();
        } else {
            decoded = shaped(source, shape, policy, report);
        }
        BufferedImage working = decoded.working();
        BufferedImage output = WorkingImage.to(working, decoded.kind());
        if (source.jpeg() == null) {
            return MetadataCarrier.intoPng(image, PixelCodec.encodePng(output), output.getWidth(), output.getHeight());
        }
        int quality;
        byte[] bare;
        String how = sourceQuality > 0 ? " (source ~" + sourceQuality + ")" : "";
        if (lossy && o.autoQuality()) {
            QualitySearch.Choice choice = QualitySearch.lowestAbove(output,
                    sourceQuality > 0 ? Math.min(sourceQuality, MAX_QUALITY) : MAX_QUALITY);
            quality = choice.quality();
            bare = choice.jpeg();
            how = String.format(java.util.Locale.ROOT, " (auto: SSIM %.4f, target %.2f%s)", choice.ssim(),
                    QualitySearch.TARGET, sourceQuality > 0 ? "; source ~" + sourceQuality : "");
        } else {
            quality = encodingQuality(lossy, o.jpegQuality(), sourceQuality);
            bare = PixelCodec.encodeJpeg(output, quality);
        }
        byte[] encoded = MetadataCarrier.intoJpeg(source.jpeg(), bare, output.getWidth(), output.getHeight());
        report.added("JPEG encoded at quality " + quality + how);
        if (!resize && !watermark) {
            long needed = (long) Math.floor(image.length * (1 - o.minSavingPercent() / 100));
            if (encoded.length > needed) {
                report.added("lossy result kept out: " + encoded.length + " bytes is not "
                        + ConfigValues.formatPercent(o.minSavingPercent()) + " smaller than " + image.length);
                return null;
            }
        }
        return encoded;
    }

    /**
     * What one decode gives: the image in its own format ({@code own}, as {@link #transform} returns it: null to serve
     * the protected image as it is) and as WebP ({@code webp}: null, with a note, when it cannot be converted).
     */
    public record Renditions(byte[] own, byte[] webp) {
    }

    /**
     * {@link #transform} and the WebP variant from a single decode: the image is decoded, turned upright, resized and
     * watermarked once, and both encoders start from that. The WebP is lossy at {@code jpeg-quality} for a JPEG,
     * lossless for a PNG, with its ICC profile and EXIF (orientation reset, the turn is in the pixels); the caller adds
     * the XMP and keeps it only when it is smaller. Each output's notes go to its own report. A resize or watermark
     * that cannot be done leaves the pixels as {@link #transform} does.
     */
    public Renditions transformWithWebp(byte[] image, ImageMetadata metadata, Policy policy,
                                        RewriteReport.Builder ownReport, RewriteReport.Builder webpReport) {
        String leftAlone = leftAloneBecause(image, metadata);
        if (leftAlone != null) {
            webpReport.added("no WebP variant: " + leftAlone);
            return new Renditions(transform(image, metadata, policy, ownReport), null);
        }
        Work work = Work.of(policy, metadata.format());
        Shaped shaped;
        try {
            shaped = Shaped.of(image, metadata, policy);
        } catch (IOException | RuntimeException e) {
            // Not decoded again for the own format: it would fail the same way.
            webpReport.added("no WebP variant: " + why(e));
            return new Renditions(work.any() ? failed(work, e, ownReport) : null, null);
        }
        // WebP first: its encoder's copy of the pixels is gone before the own format's encoder makes its copies.
        byte[] webp = webp(image, metadata, policy, shaped, webpReport);
        if (!work.any()) {
            return new Renditions(null, webp);
        }
        byte[] own;
        try {
            own = run(image, metadata, policy, work, ownReport, shaped);
        } catch (IOException | RuntimeException e) {
            own = failed(work, e, ownReport);
        }
        return new Renditions(own, webp);
    }

    /** A transform that failed: no new image, and a note saying what was not done and why. */
    private static byte[] failed(Work work, Exception e, RewriteReport.Builder report) {
        if (work.mandatory()) {
            // The metadata surgery already succeeded: the image goes out protected with its pixels as they are.
            // Failing it instead would let on-error: passthrough send the unprotected original (GPS and all)
            // whenever an image is over max-pixels, too large for the heap or undecodable.
            return skip(work, why(e), report);
        }
        report.added("lossy re-encoding skipped: " + why(e));
        return null;
    }

    /** The source opened, decoded and shaped once, with the notes (orientation, resize, watermark) that took. */
    private record Shaped(Source source, Decoded decoded, RewriteReport notes) {

        static Shaped of(byte[] image, ImageMetadata metadata, Policy policy) throws IOException {
            Source source = Source.open(image, metadata, policy);
            RewriteReport.Builder notes = new RewriteReport.Builder().format(metadata.format());
            Decoded decoded = shaped(source, Shape.of(source, policy), policy, notes);
            return new Shaped(source, decoded, notes.build(RewriteReport.REWRITTEN, image.length, image.length));
        }
    }

    private static byte[] webp(byte[] image, ImageMetadata metadata, Policy policy, Shaped shaped,
                               RewriteReport.Builder report) {
        shaped.notes().added().forEach(report::added);
        report.dimensions(shaped.notes().width(), shaped.notes().height());
        BufferedImage working = shaped.decoded().working();
        try {
            boolean lossless = shaped.source().jpeg() == null;
            int quality = policy.optimize().autoQuality() ? WEBP_AUTO_QUALITY : policy.optimize().jpegQuality();
            byte[] encoded = PixelCodec.encodeWebp(working, lossless, quality);
            byte[] icc = lossless ? IccProfile.ofPng(image) : IccProfile.ofJpeg(shaped.source().jpeg());
            if (IccProfile.isGrey(icc)) {
                icc = null; // a grey profile cannot describe WebP's RGB
                report.removed("grey ICC profile (WebP stores RGB)");
            }
            byte[] exif = metadata.exif() == null ? null : metadata.exif().clone();
            if (exif != null) {
                MetadataCarrier.describeNewPixels(exif, 0, exif.length, working.getWidth(), working.getHeight());
            }
            report.added("WebP " + (lossless ? "lossless" : "lossy at quality " + quality));
            return WebpContainer.withProfile(encoded, icc, exif, working.getWidth(), working.getHeight(),
                    shaped.decoded().kind().alpha());
        } catch (IOException | RuntimeException e) {
            report.added("no WebP variant: " + why(e));
            return null;
        }
    }

    private static String why(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static int encodingQuality(boolean lossy, int target, int source) {
        if (lossy) {
            return source > 0 ? Math.min(target, source) : target;
        }
        return source > 0 ? Math.min(source, MAX_QUALITY) : DEFAULT_QUALITY;
    }

    /** What the policy asks of an image of this format, before its size is known. */
    private record Work(boolean resizeAsked, boolean watermarkAsked, boolean lossy) {

        static Work of(Policy policy, ImageFormat format) {
            OptimizeSettings o = policy.optimize();
            return new Work(o.maxWidth() > 0 || o.maxHeight() > 0, policy.watermark().enabled(),
                    o.mode() == OptimizeMode.LOSSY && format == ImageFormat.JPEG);
        }

        boolean any() {
            return resizeAsked || watermarkAsked || lossy;
        }

        /** A resize or watermark is what the site wants visitors to get, not an optimisation. */
        boolean mandatory() {
            return resizeAsked || watermarkAsked;
        }

        String describe() {
            return resizeAsked && watermarkAsked ? "resize and watermark" : resizeAsked ? "resize" : "watermark";
        }
    }
}
