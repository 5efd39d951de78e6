package org.imageguard.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.imageguard.config.CompiledPaths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import org.imageguard.config.OnUnsupported;
import org.imageguard.config.PathResolver;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.PreparedPolicy;
import org.imageguard.engine.RewriteReport;
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
    /** Each rule's policy prepared once (its XMP packet serialised once), not once per file. */
    private final CompiledPaths<PreparedPolicy> policies;
    private final Destination destination;
    /**
     * Each thread's input buffer, reused from file to file: a new array per file would be zeroed and faulted in
     * afresh every time (that was a fifth of a batch's CPU). It grows to the largest file the thread has read,
     * never past {@code limits.max-image-size}, and goes with the thread: the batch's threads end with the batch.
     */
    private final ThreadLocal<ReadBuffer> buffers = ThreadLocal.withInitial(ReadBuffer::new);

    FileRewriter(ImageGuardEngine engine, PathResolver resolver, Destination destination) {
        this.engine = engine;
        this.policies = resolver.compile(rule -> PreparedPolicy.of(rule.policy()));
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
        BasicFileAttributes attributes = attributes(source); // type, size and permissions in one stat
        if (attributes == null || !attributes.isRegularFile()) {
            return FileOutcome.failed(file, "not a regular file"); // a FIFO or device would block or never end
        }
        Set<PosixFilePermission> permissions = attributes instanceof PosixFileAttributes posix
                ? posix.permissions() : null;
        PreparedPolicy prepared = policies.resolve(file.policyPath());
        Policy policy = prepared.policy();
        long size = attributes.size();
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
        // The whole file, not a head: an SVG's root may come after a prolog of any length. The file is the first
        // `length` bytes of `input`, which the next file on this thread overwrites: everything that points into it
        // is written (synchronously, below) before this method returns.
        ReadBuffer buffer = buffers.get();
        int length = buffer.read(source, size);
        byte[] input = buffer.array();
        if (ImageFormat.sniff(input, length) == ImageFormat.UNKNOWN) {
            if (destination.writesUnchanged()) {
                AtomicFiles.write(target, input, length, permissions);
            }
            return FileOutcome.skipped(file);
        }
        if (webpCopy == null) {
            // The result goes out as pieces: kept records are written from the input, not copied into a new array.
            ImageGuardEngine.GatheredResult result = engine.rewriteAndOptimizeGathered(input, length, prepared);
            if (result.report().rewritten()) {
                AtomicFiles.write(target, result.output().buffers(), permissions);
                return new FileOutcome(file, FileOutcome.Kind.REWRITTEN, length, result.output().size(),
                        result.report().outcome(), 0);
            }
            return notRewritten(file, result.report(), policy, input, length, target, permissions);
        }
        // With a WebP copy asked for, one decode serves both outputs (they need the file in an array of its own).
        input = Arrays.copyOf(input, length);
        ImageGuardEngine.WebpRenditions both = engine.rewriteAndOptimizeWithWebp(input, prepared);
        RewriteResult result = both.own();
        if (result.report().rewritten()) {
            AtomicFiles.write(target, result.bytes(), permissions);
            long webpBytes = writeWebp(both.webp(), result.bytes().length, webpCopy, permissions);
            return new FileOutcome(file, FileOutcome.Kind.REWRITTEN, input.length, result.bytes().length,
                    result.report().outcome(), webpBytes);
        }
        return notRewritten(file, result.report(), policy, input, input.length, target, permissions);
    }

    /**
     * An image the engine left as it was (unsupported, too large): copied to a separate tree, or refused. The file is
     * the first {@code length} bytes of {@code input}.
     */
    private FileOutcome notRewritten(InputFile file, RewriteReport report, Policy policy, byte[] input, int length,
                                     Path target, Set<PosixFilePermission> permissions) throws IOException {
        String outcome = report.outcome();
        if (outcome.equals(ImageGuardEngine.UNSUPPORTED)) {
            outcome = outcome + " " + report.format();
            if (policy.limits().onUnsupported() == OnUnsupported.REJECT) {
                // Refused, not published: unlike a failure, no copy goes to the output tree.
                return FileOutcome.failed(file, report.format() + " cannot be protected "
                        + "(limits.on-unsupported: reject)");
            }
        }
        if (destination.writesUnchanged()) {
            AtomicFiles.write(target, input, length, permissions);
        }
        return new FileOutcome(file, FileOutcome.Kind.UNCHANGED, length, length, outcome);
    }

    /** The file's attributes (POSIX ones where the file system has them), or null when it is gone. */
    private static BasicFileAttributes attributes(Path source) throws IOException {
        try {
            return Files.readAttributes(source, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return Files.readAttributes(source, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The WebP variant the servers would negotiate (protected like the rest: DataMining, ICC profile, no private
     * metadata), written only when smaller than the {@code written} result; its size, or 0.
     */
    private static long writeWebp(RewriteResult webp, long written, Path webpCopy,
                                  Set<PosixFilePermission> permissions) throws IOException {
        if (webp == null || webp.bytes().length >= written) {
            return 0;
        }
        AtomicFiles.write(webpCopy, webp.bytes(), permissions);
        return webp.bytes().length;
    }

    private static byte[] head(Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }
}
