package org.imageguard.engine;

import org.imageguard.engine.io.Bytes;
import org.imageguard.engine.io.GatheredOutput;

/**
 * The metadata surgery for one format: splits the file into its records, asks the {@link MetadataPlan} what to keep
 * and what to add, and reassembles the file. Pixel data is copied untouched. Implementations are stateless and
 * thread-safe.
 */
public interface FormatRewriter {

    ImageFormat format();

    /**
     * Rewrites one image.
     *
     * @throws ImageFormatException when the file cannot be parsed safely (the only exception for bad input)
     */
    byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report);

    /**
     * {@link #rewrite} with the result as pieces (slices of {@code input}, new records) not yet copied into one
     * array, for a caller that writes them out as they are; {@code input} must not change while they are in use.
     * By default the one array {@link #rewrite} makes; formats that gather their output override
     * {@link #rewriteGathered(byte[], int, MetadataPlan, RewriteReport.Builder)}.
     *
     * @throws ImageFormatException as {@link #rewrite}
     */
    default GatheredOutput rewriteGathered(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        return rewriteGathered(input, input.length, plan, report);
    }

    /**
     * {@link #rewriteGathered(byte[], MetadataPlan, RewriteReport.Builder)} of the file held in the first
     * {@code length} bytes of {@code input} (a buffer reused from file to file; the bytes after {@code length} are
     * not the file's). By default {@link #rewrite} of a copy of exactly those bytes, as one piece; formats that can
     * read a prefix in place and gather their output override this.
     *
     * @throws ImageFormatException as {@link #rewrite}
     */
    default GatheredOutput rewriteGathered(byte[] input, int length, MetadataPlan plan, RewriteReport.Builder report) {
        GatheredOutput out = new GatheredOutput();
        out.add(rewrite(Bytes.prefix(input, length), plan, report));
        return out;
    }

    /**
     * Reads without changing: dimensions and the raw metadata records, for {@code inspect} and for tests.
     *
     * @throws ImageFormatException when the file cannot be parsed safely
     */
    ImageMetadata read(byte[] input);
}
