package org.imageguard.engine;

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
     * Reads without changing: dimensions and the raw metadata records, for {@code inspect} and for tests.
     *
     * @throws ImageFormatException when the file cannot be parsed safely
     */
    ImageMetadata read(byte[] input);
}
