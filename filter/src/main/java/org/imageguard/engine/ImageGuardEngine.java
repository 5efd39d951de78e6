package org.imageguard.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.imageguard.config.OptimizeMode;
import org.imageguard.config.Policy;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.engine.png.PngOptimizer;
import org.imageguard.engine.xmp.XmpComposer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    private static final int MAX_CACHED_SETTINGS = 256;

    private final FormatRewriters rewriters;
    private final Map<ImageFormat, LosslessOptimizer> optimizers = new EnumMap<>(ImageFormat.class);
    /** XMP templates per protection settings: policies are few (one per {@code paths:} entry), images many. */
    private final Cache<ProtectionSettings, XmpComposer> composers =
            Caffeine.newBuilder().maximumSize(MAX_CACHED_SETTINGS).build();
    /** The last composer used: most sites have one policy, and identity beats hashing a record tree. */
    private volatile XmpComposer last;

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
        return List.of(new PngOptimizer());
    }

    /**
     * Protects one image as {@code policy} says.
     *
     * @throws ImageFormatException when the image cannot be parsed safely, or a rewriter failed
     */
    public RewriteResult rewrite(byte[] input, Policy policy) {
        ImageFormat format = ImageFormat.sniff(input);
        RewriteReport.Builder report = new RewriteReport.Builder().format(format);
        Optional<FormatRewriter> rewriter = rewriters.forFormat(format);
        if (rewriter.isEmpty()) {
            return unchanged(input, report, UNSUPPORTED);
        }
        if (input.length > policy.limits().maxImageSize().bytes()) {
            return unchanged(input, report, TOO_LARGE);
        }
        ProtectionPlan plan = new ProtectionPlan(composerFor(policy.protection()), report);
        byte[] output = guarded(format, () -> rewriter.get().rewrite(input, plan, report));
        return new RewriteResult(output, report.build(RewriteReport.REWRITTEN, input.length, output.length));
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
        RewriteResult protectedImage = rewrite(input, policy);
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
        List<String> added = new ArrayList<>(first.added());
        added.addAll(notes);
        return new RewriteResult(output, new RewriteReport(first.format(), first.width(), first.height(),
                first.outcome(), first.removed(), added, input.length, output.length));
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

    XmpComposer composerFor(ProtectionSettings settings) {
        XmpComposer cached = last;
        if (cached != null && cached.settings() == settings) {
            return cached;
        }
        XmpComposer composer = composers.get(settings, XmpComposer::new);
        last = composer;
        return composer;
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
        return "ImageGuardEngine[" + composers.estimatedSize() + " cached protection settings]";
    }
}
