package org.imageguard.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Enough for every magic number, SVG's included (the sniffer looks at the first KB). */
    private static final int SNIFF_BYTES = 4096;

    private final ImageGuardEngine engine;
    private final PathResolver resolver;
    private final Destination destination;

    FileRewriter(ImageGuardEngine engine, PathResolver resolver, Destination destination) {
        this.engine = engine;
        this.resolver = resolver;
        this.destination = destination;
    }

    FileOutcome rewrite(InputFile file, Path target) {
        try {
            return rewriteOrThrow(file, target);
        } catch (IOException | ImageFormatException e) {
            return FileOutcome.failed(file, Failures.describe(e));
        } catch (RuntimeException e) {
            // Not expected from the engine (it wraps its bugs), but one file must not end the batch.
            return FileOutcome.failed(file, "internal error: " + Failures.describe(e));
        }
    }

    private FileOutcome rewriteOrThrow(InputFile file, Path target) throws IOException {
        Path source = file.source();
        if (!Files.isRegularFile(source)) {
            return FileOutcome.failed(file, "not a regular file"); // a FIFO or device would block or never end
        }
        if (ImageFormat.sniff(head(source)) == ImageFormat.UNKNOWN) {
            return FileOutcome.skipped(file);
        }
        Policy policy = resolver.resolve(file.policyPath()).policy();
        long size = Files.size(source);
        if (size > policy.limits().maxImageSize().bytes()) {
            // Decided before reading: a 4 GB file must not be loaded to learn it is too large.
            if (destination.writesUnchanged()) {
                AtomicFiles.copy(source, target);
            }
            return new FileOutcome(file, FileOutcome.Kind.UNCHANGED, size, size, ImageGuardEngine.TOO_LARGE);
        }
        byte[] input = Files.readAllBytes(source);
        RewriteResult result = engine.rewriteAndOptimize(input, policy);
        if (result.report().rewritten()) {
            AtomicFiles.write(target, result.bytes(), source);
            return new FileOutcome(file, FileOutcome.Kind.REWRITTEN, input.length, result.bytes().length,
                    result.report().outcome());
        }
        if (destination.writesUnchanged()) {
            AtomicFiles.write(target, input, source);
        }
        return new FileOutcome(file, FileOutcome.Kind.UNCHANGED, input.length, input.length,
                result.report().outcome());
    }

    private static byte[] head(Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }
}
