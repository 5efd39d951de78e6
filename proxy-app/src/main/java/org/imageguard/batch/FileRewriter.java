package org.imageguard.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imageguard.config.OnUnsupported;
import org.imageguard.config.PathResolver;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;

/**
 * Rewrites one file: sniffs it (content, not name), applies the policy its path resolves to (protection and, unlike
 * the servers, which run it in the background, the lossless optimisation inline), writes the result
 * atomically. Every problem becomes a {@link FileOutcome.Kind#FAILED} outcome with a one-line reason; the original is
 * never touched unless the complete result replaces it. Thread-safe.
 */
final class FileRewriter {

    /** Enough for every binary magic number (files over max-image-size are told apart by their head only). */
    private static final int SNIFF_BYTES = 4096;

    private final ImageGuardEngine engine;
    private final PathResolver resolver;
    private final Destination destination;

    FileRewriter(ImageGuardEngine engine, PathResolver resolver, Destination destination) {
        this.engine = engine;
        this.resolver = resolver;
        this.destination = destination;
    }

    /** {@code webpCopy}: where a smaller WebP copy of a rewritten JPEG or PNG goes, or null for none. */
    FileOutcome rewrite(InputFile file, Path target, Path webpCopy) {
        FileOutcome failed;
        try {
            return rewriteOrThrow(file, target, webpCopy);
        } catch (IOException | ImageFormatException e) {
            failed = FileOutcome.failed(file, Failures.describe(e));
        } catch (RuntimeException e) {
            // Not expected from the engine (it wraps its bugs), but one file must not end the batch.
            failed = FileOutcome.failed(file, "internal error: " + Failures.describe(e));
        }
        return copiedAfterFailure(failed, target);
    }

    /**
     * A separate tree is complete, like rsync's: a file that could not be rewritten is copied as it is (the failure
     * is still reported). In place there is nothing to do: the original stays.
     */
    private FileOutcome copiedAfterFailure(FileOutcome failed, Path target) {
        Path source = failed.file().source();
        if (!destination.writesUnchanged() || !Files.isRegularFile(source)) {
            return failed;
        }
        try {
            AtomicFiles.copy(source, target);
            return failed;
        } catch (IOException e) {
            return FileOutcome.failed(failed.file(), failed.reason() + "; not copied: " + Failures.describe(e));
        }
    }

    private FileOutcome rewriteOrThrow(InputFile file, Path target, Path webpCopy) throws IOException {
        Path source = file.source();
        if (!Files.isRegularFile(source)) {
            return FileOutcome.failed(file, "not a regular file"); // a FIFO or device would block or never end
        }
        Policy policy = resolver.resolve(file.policyPath()).policy();
        long size = Files.size(source);
        if (size > policy.limits().maxImageSize().bytes()) {
            // Decided before reading: a 4 GB file must not be loaded to learn it is too large.
            if (destination.writesUnchanged()) {
                AtomicFiles.copy(source, target);
            }
            if (ImageFormat.sniff(head(source)) == ImageFormat.UNKNOWN) {
                return FileOutcome.skipped(file);
            }
            return new FileOutcome(file, FileOutcome.Kind.UNCHANGED, size, size, ImageGuardEngine.TOO_LARGE);
        }
        // The whole file, not a head: an SVG's root may come after a prolog of any length.
        byte[] input = Files.readAllBytes(source);
        if (ImageFormat.sniff(input) == ImageFormat.UNKNOWN) {
            if (destination.writesUnchanged()) {
                AtomicFiles.write(target, input, source);
            }
            return FileOutcome.skipped(file);
        }
        // With a WebP copy asked for, one decode serves both outputs.
        ImageGuardEngine.WebpRenditions both = webpCopy == null ? null
                : engine.rewriteAndOptimizeWithWebp(input, policy);
        RewriteResult result = both == null ? engine.rewriteAndOptimize(input, policy) : both.own();
        if (result.report().rewritten()) {
            AtomicFiles.write(target, result.bytes(), source);
            long webpBytes = both == null ? 0 : writeWebp(both.webp(), result.bytes().length, webpCopy, source);
            return new FileOutcome(file, FileOutcome.Kind.REWRITTEN, input.length, result.bytes().length,
                    result.report().outcome(), webpBytes);
        }
        String outcome = result.report().outcome();
        if (outcome.equals(ImageGuardEngine.UNSUPPORTED)) {
            outcome = outcome + " " + result.report().format();
            if (policy.limits().onUnsupported() == OnUnsupported.REJECT) {
                // Refused, not published: unlike a failure, no copy goes to the output tree.
                return FileOutcome.failed(file, result.report().format() + " cannot be protected "
                        + "(limits.on-unsupported: reject)");
            }
        }
        if (destination.writesUnchanged()) {
            AtomicFiles.write(target, input, source);
        }
        return new FileOutcome(file, FileOutcome.Kind.UNCHANGED, input.length, input.length, outcome);
    }

    /**
     * The WebP variant the servers would negotiate (protected like the rest: DataMining, ICC profile, no private
     * metadata), written only when smaller than the {@code written} result; its size, or 0.
     */
    private static long writeWebp(RewriteResult webp, long written, Path webpCopy, Path source) throws IOException {
        if (webp == null || webp.bytes().length >= written) {
            return 0;
        }
        AtomicFiles.write(webpCopy, webp.bytes(), source);
        return webp.bytes().length;
    }

    private static byte[] head(Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }
}
