package org.imageguard.engine;

import org.imageguard.config.OptimizeMode;
import org.imageguard.config.Policy;
import org.imageguard.engine.io.Bytes;
import org.imageguard.engine.io.GatheredOutput;
import org.imageguard.engine.jpeg.JpegOptimizer;
import org.imageguard.engine.pixels.PixelStage;
import org.imageguard.engine.png.PngOptimizer;
import org.imageguard.engine.xmp.XmpComposer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's front door: bytes and a policy in, protected bytes and a report out. Sniffs the format from the magic
 * bytes, lets formats it cannot rewrite and bodies over {@code max-image-size} through untouched (saying why in the
 * report's outcome), and hands the rest to the format's rewriter with a {@link ProtectionPlan}. Thread-safe; one
 * instance serves the whole application.
 *
 * <pre>{@code
 * ImageGuardEngine engine = new ImageGuardEngine();
 * RewriteResult result = engine.rewrite(body, policy);
 * if (result.report().rewritten()) { serve(result.bytes()); }
 * }</pre>
 *
 * <p>Errors: a body that claims a supported format but cannot be parsed safely throws {@link ImageFormatException},
 * and so does a bug in a rewriter (wrapped, offset -1, "internal error: ..."), so callers handle exactly one type and
 * apply {@code on-error} to it. Everything else is an outcome, not an exception.
 */
public final class ImageGuardEngine {

    /** Outcome: no rewriter for the format (AVIF, TIFF, unknown bytes...). */
    public static final String UNSUPPORTED = "unsupported";
    /** Outcome: larger than {@code limits.max-image-size}. */
    public static final String TOO_LARGE = "too-large";

    private final FormatRewriters rewriters;
    private final PixelStage pixels = new PixelStage();
    private final Map<ImageFormat, LosslessOptimizer> optimizers = new EnumMap<>(ImageFormat.class);
    /** What the {@code Policy} overloads prepared last, reused while callers pass that same instance. */
    private volatile PreparedPolicy lastPrepared;

    public ImageGuardEngine() {
        this(FormatRewriters.defaults(), defaultOptimizers());
    }

    public ImageGuardEngine(FormatRewriters rewriters) {
        this(rewriters, defaultOptimizers());
    }

    public ImageGuardEngine(FormatRewriters rewriters, List<LosslessOptimizer> optimizers) {
        this.rewriters = rewriters;
        for (LosslessOptimizer optimizer : optimizers) {
            if (this.optimizers.put(optimizer.format(), optimizer) != null) {
                throw new IllegalArgumentException("two optimizers for " + optimizer.format());
            }
        }
    }

    /** One lossless optimizer per format that has one. */
    public static List<LosslessOptimizer> defaultOptimizers() {
        return List.of(new JpegOptimizer(), new PngOptimizer());
    }

    /**
     * Protects one image as {@code policy} says. The policy is prepared on the first call and again whenever a call
     * passes another instance than the one before: callers that alternate between policies prepare each once
     * ({@link PreparedPolicy#of}) and pass that.
     *
     * @throws ImageFormatException when the image cannot be parsed safely, or a rewriter failed
     */
    public RewriteResult rewrite(byte[] input, Policy policy) {
        return rewrite(input, prepared(policy));
    }

    /** The prepared form of {@code policy}: the last one while the caller passes the same instance (it is immutable). */
    private PreparedPolicy prepared(Policy policy) {
        PreparedPolicy last = lastPrepared;
        if (last != null && last.policy() == policy) {
            return last;
        }
        PreparedPolicy fresh = PreparedPolicy.of(policy);
        lastPrepared = fresh;
        return fresh;
    }

    /**
     * Protects one image as the prepared policy says.
     *
     * @throws ImageFormatException when the image cannot be parsed safely, or a rewriter failed
     */
    public RewriteResult rewrite(byte[] input, PreparedPolicy prepared) {
        Policy policy = prepared.policy();
        ImageFormat format = ImageFormat.sniff(input);
        RewriteReport.Builder report = new RewriteReport.Builder().format(format);
        Optional<FormatRewriter> rewriter = rewriters.forFormat(format);
        if (rewriter.isEmpty()) {
            return unchanged(input, report, UNSUPPORTED);
        }
        if (input.length > policy.limits().maxImageSize().bytes()) {
            return unchanged(input, report, TOO_LARGE);
        }
        XmpComposer composer = prepared.composer();
        byte[] protectedBytes = guarded(format, () -> rewriter.get().rewrite(input, new ProtectionPlan(composer, report),
                report));
        byte[] output = prepared.pixelWork()
                ? transformPixels(format, protectedBytes, rewriter.get(), composer, policy, report) : protectedBytes;
        return new RewriteResult(output, report.build(RewriteReport.REWRITTEN, input.length, output.length));
    }

    /**
     * The pixel stage on the protected image, then the metadata rewriter once more on its output: the records were
     * carried over from the protected image, and this second pass holds the new file to the same rules. Its findings
     * go to a scratch report, so the image's report lists what was removed from the original only once.
     */
    private byte[] transformPixels(ImageFormat format, byte[] protectedBytes, FormatRewriter rewriter, XmpComposer composer,
                                   Policy policy, RewriteReport.Builder report) {
        byte[] transformed = guarded(format, () -> pixels.transform(protectedBytes, rewriter.read(protectedBytes),
                policy, report));
        return transformed == null ? protectedBytes : protectedAgain(format, transformed, rewriter, composer);
    }

    private byte[] protectedAgain(ImageFormat format, byte[] transformed, FormatRewriter rewriter,
                                  XmpComposer composer) {
        RewriteReport.Builder scratch = new RewriteReport.Builder().format(format);
        return guarded(format, () -> rewriter.rewrite(transformed, new ProtectionPlan(composer, scratch), scratch));
    }

    /**
     * The WebP variant for clients that accept it ({@code optimize.webp}): the image protected and transformed as
     * {@link #rewrite} does, then converted to WebP (lossy at {@code jpeg-quality} for JPEG, lossless for PNG) with its
     * ICC profile, cleaned EXIF and our XMP. The protected image in its own format comes back instead when the WebP is
     * not smaller, the format has no WebP conversion (GIF, WebP, CMYK JPEG...) or the conversion failed; the report
     * says which.
     *
     * @throws ImageFormatException as {@link #rewrite}
     */
    public RewriteResult rewriteAsWebp(byte[] input, Policy policy) {
        return rewriteAsWebp(input, prepared(policy));
    }

    /** As {@link #rewriteAsWebp(byte[], Policy)} with a policy prepared once. */
    public RewriteResult rewriteAsWebp(byte[] input, PreparedPolicy prepared) {
        WebpRenditions both = rewriteWithWebp(input, prepared);
        RewriteResult own = both.own();
        RewriteResult webp = both.webp();
        if (webp == null) {
            return own;
        }
        if (webp.bytes().length >= own.bytes().length) {
            String keptOut = "WebP kept out: " + webp.bytes().length + " bytes, not smaller than " + own.bytes().length;
            return new RewriteResult(own.bytes(), own.report().withMore(List.of(keptOut), own.report().bytesAfter()));
        }
        return webp;
    }

    /**
     * An image in its own format and as WebP, each with its own report.
     *
     * @param webp null when the image has no WebP variant (the own format's report says why)
     */
    public record WebpRenditions(RewriteResult own, RewriteResult webp) {
    }

    /**
     * The image protected (and transformed) as {@link #rewrite} does and, from the same decoded pixels, its WebP
     * variant: one decode serves both, where asking for each would decode twice. Null WebP for a format without a
     * WebP conversion, or when the conversion failed.
     */
    private WebpRenditions rewriteWithWebp(byte[] input, PreparedPolicy prepared) {
        Policy policy = prepared.policy();
        ImageFormat format = ImageFormat.sniff(input);
        Optional<FormatRewriter> rewriter = rewriters.forFormat(format);
        if ((format != ImageFormat.JPEG && format != ImageFormat.PNG) || rewriter.isEmpty()
                || input.length > policy.limits().maxImageSize().bytes()) {
            return new WebpRenditions(rewrite(input, prepared), null);
        }
        // Both from the metadata-only protected image, so the WebP is encoded from the original pixels, never from a
        // lossy JPEG re-encoding of them.
        RewriteReport.Builder report = new RewriteReport.Builder().format(format);
        XmpComposer composer = prepared.composer();
        byte[] protectedBytes = guarded(format, () -> rewriter.get().rewrite(input, new ProtectionPlan(composer, report),
                report));
        RewriteReport.Builder webpReport = report.copy();
        PixelStage.Renditions transformed = guarded(format, () -> pixels.transformWithWebp(protectedBytes,
                rewriter.get().read(protectedBytes), policy, report, webpReport));
        byte[] ownBytes = transformed.own() == null ? protectedBytes
                : protectedAgain(format, transformed.own(), rewriter.get(), composer);
        RewriteResult own = new RewriteResult(ownBytes, report.build(RewriteReport.REWRITTEN, input.length,
                ownBytes.length));
        if (transformed.webp() == null) {
            return new WebpRenditions(own, null);
        }
        FormatRewriter webpRewriter = rewriters.forFormat(ImageFormat.WEBP).orElseThrow();
        byte[] protectedWebp = protectedAgain(ImageFormat.WEBP, transformed.webp(), webpRewriter, composer);
        return new WebpRenditions(own, new RewriteResult(protectedWebp, webpReport.format(ImageFormat.WEBP)
                .build(RewriteReport.REWRITTEN, input.length, protectedWebp.length)));
    }

    /**
     * Heap bytes the pixel stage may hold at once for this image under this policy, read from its header without
     * decoding: what a server reserves from its memory budget before the transform, on top of the body and its
     * rewritten copy. 0 when the policy needs no pixels, the stage decodes no such format, or the header's size is
     * over {@code limits.max-pixels} (the stage then refuses it before decoding anything).
     *
     * @throws ImageFormatException when the header cannot be parsed safely
     */
    public long pixelBytesNeeded(byte[] image, Policy policy) {
        if (!PixelStage.wanted(policy)) {
            return 0;
        }
        ImageMetadata metadata = read(image);
        if ((long) metadata.width() * metadata.height() > policy.limits().maxPixels()) {
            return 0;
        }
        return PixelStage.bytesNeeded(image, metadata, policy);
    }

    /**
     * Whether {@link #optimize} can make an image of this format smaller: false for formats without a lossless
     * optimizer (GIF, WebP, SVG, TIFF, HEIF, JPEG XL...), whose protected image is already final.
     */
    public boolean optimizes(ImageFormat format) {
        return optimizers.containsKey(format);
    }

    /**
     * The second stage: a protected image (the output of {@link #rewrite}) recompressed into fewer bytes that decode
     * to exactly the same pixels, kept only when smaller. With {@code optimize.mode: none}, or for a format without
     * an optimizer, the input comes back as it was. The report's {@code added} says what was done or why not.
     *
     * @throws ImageFormatException when the image data cannot be decoded safely, or an optimizer failed
     */
    public RewriteResult optimize(byte[] protectedImage, Policy policy) {
        ImageFormat format = ImageFormat.sniff(protectedImage);
        RewriteReport.Builder report = new RewriteReport.Builder().format(format);
        LosslessOptimizer optimizer = optimizers.get(format);
        if (optimizer == null || policy.optimize().mode() == OptimizeMode.NONE) {
            return new RewriteResult(protectedImage,
                    report.build(RewriteReport.REWRITTEN, protectedImage.length, protectedImage.length));
        }
        LosslessOptimizer.Result result = guarded(format, () -> optimizer.optimize(protectedImage,
                policy.optimize().effort(), policy.limits().maxPixels()));
        byte[] output = result.bytes().length < protectedImage.length ? result.bytes() : protectedImage;
        report.added("lossless recompression: " + result.note());
        return new RewriteResult(output, report.build(RewriteReport.REWRITTEN, protectedImage.length, output.length));
    }

    /**
     * Both stages at once, as the command line runs them: {@link #rewrite}, then {@link #optimize} on its output.
     * Image data the optimizer cannot decode (a corrupt scan that browsers still show in part) keeps the protected,
     * metadata-only bytes, and the report says why: the protection matters more than the bytes saved.
     *
     * @throws ImageFormatException when the image cannot be protected (the first stage failed)
     */
    public RewriteResult rewriteAndOptimize(byte[] input, Policy policy) {
        return rewriteAndOptimize(input, prepared(policy));
    }

    /** As {@link #rewriteAndOptimize(byte[], Policy)} with a policy prepared once (a batch: one per path rule). */
    public RewriteResult rewriteAndOptimize(byte[] input, PreparedPolicy prepared) {
        return optimized(rewrite(input, prepared), prepared.policy());
    }

    /**
     * {@link #rewriteAndOptimize(byte[], PreparedPolicy)}'s result as pieces for a caller that writes it to a file
     * ({@code rewrite -o}): when nothing after the metadata surgery changes the bytes (no pixel stage, and no lossless
     * optimiser for the format under this policy), the kept records stay slices of {@code input} and are never copied
     * into one image-sized array; otherwise the pieces are the one array {@code rewriteAndOptimize} returns. The same
     * bytes and report either way; {@code input} must not change while the pieces are in use.
     *
     * @throws ImageFormatException as {@link #rewriteAndOptimize}
     */
    public GatheredResult rewriteAndOptimizeGathered(byte[] input, PreparedPolicy prepared) {
        return rewriteAndOptimizeGathered(input, input.length, prepared);
    }

    /**
     * {@link #rewriteAndOptimizeGathered(byte[], PreparedPolicy)} of the image held in the first {@code length}
     * bytes of {@code input}, a buffer the caller reuses from file to file ({@code rewrite -o} reads every file into
     * one per thread instead of a new array per file): the same bytes and report as for an array of exactly those
     * bytes. JPEG, PNG and WebP are read where they are; other formats, and the paths that change the bytes after the
     * surgery, get a copy of exactly {@code length} bytes. {@code input} must not change while the pieces are in use.
     *
     * @throws ImageFormatException as {@link #rewriteAndOptimize}
     */
    public GatheredResult rewriteAndOptimizeGathered(byte[] input, int length, PreparedPolicy prepared) {
        Objects.checkFromIndexSize(0, length, input.length);
        Policy policy = prepared.policy();
        ImageFormat format = ImageFormat.sniff(input, length);
        Optional<FormatRewriter> rewriter = rewriters.forFormat(format);
        boolean finalAfterSurgery = !prepared.pixelWork()
                && (!optimizes(format) || policy.optimize().mode() == OptimizeMode.NONE);
        if (!finalAfterSurgery || rewriter.isEmpty() || length > policy.limits().maxImageSize().bytes()) {
            return GatheredResult.of(rewriteAndOptimize(Bytes.prefix(input, length), prepared));
        }
        RewriteReport.Builder report = new RewriteReport.Builder().format(format);
        GatheredOutput output = guarded(format, () -> rewriter.get().rewriteGathered(input, length,
                new ProtectionPlan(prepared.composer(), report), report));
        return new GatheredResult(output, report.build(RewriteReport.REWRITTEN, length, output.size()));
    }

    /** A rewrite's bytes as {@link GatheredOutput} pieces, and its report. */
    public record GatheredResult(GatheredOutput output, RewriteReport report) {

        static GatheredResult of(RewriteResult result) {
            GatheredOutput output = new GatheredOutput();
            output.add(result.bytes());
            return new GatheredResult(output, result.report());
        }
    }

    /**
     * {@link #rewriteAndOptimizeWithWebp(byte[], PreparedPolicy)}, the policy prepared as
     * {@link #rewrite(byte[], Policy)} does.
     */
    public WebpRenditions rewriteAndOptimizeWithWebp(byte[] input, Policy policy) {
        return rewriteAndOptimizeWithWebp(input, prepared(policy));
    }

    /**
     * {@link #rewriteAndOptimize} and, from the same decoded pixels, the WebP variant {@link #rewriteAsWebp} makes
     * (not optimised further; null when the image has none), as {@code rewrite --webp} writes them side by side.
     *
     * @throws ImageFormatException as {@link #rewriteAndOptimize}
     */
    public WebpRenditions rewriteAndOptimizeWithWebp(byte[] input, PreparedPolicy prepared) {
        WebpRenditions both = rewriteWithWebp(input, prepared);
        return new WebpRenditions(optimized(both.own(), prepared.policy()), both.webp());
    }

    private RewriteResult optimized(RewriteResult protectedImage, Policy policy) {
        RewriteReport first = protectedImage.report();
        if (!first.rewritten()) {
            return protectedImage;
        }
        byte[] output;
        List<String> notes;
        try {
            RewriteResult optimized = optimize(protectedImage.bytes(), policy);
            output = optimized.bytes();
            notes = optimized.report().added();
        } catch (ImageFormatException e) {
            output = protectedImage.bytes();
            notes = List.of("lossless recompression skipped: " + e.getMessage());
        }
        return new RewriteResult(output, first.withMore(notes, output.length));
    }

    /**
     * The image's dimensions and raw metadata records. Formats without a reader yield just the format, no
     * dimensions, no records.
     *
     * @throws ImageFormatException when the image cannot be parsed safely
     */
    public ImageMetadata read(byte[] input) {
        ImageFormat format = ImageFormat.sniff(input);
        Optional<FormatRewriter> reader = rewriters.forFormat(format);
        if (reader.isEmpty()) {
            return new ImageMetadata(format, 0, 0, 0, null, null, List.of());
        }
        return guarded(format, () -> reader.get().read(input));
    }

    private static RewriteResult unchanged(byte[] input, RewriteReport.Builder report, String outcome) {
        return new RewriteResult(input, report.build(outcome, input.length, input.length));
    }

    /** Runs a rewriter call, turning its bugs into the one exception callers handle. */
    private static <T> T guarded(ImageFormat format, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ImageFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageFormatException(format, -1, "internal error: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "ImageGuardEngine[optimizers=" + optimizers.keySet() + "]";
    }
}
