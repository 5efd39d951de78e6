package org.imageguard.engine;

import org.imageguard.config.OptimizeEffort;

/**
 * The second stage for one format: recompresses an already protected image into fewer bytes that decode to exactly
 * the same pixels, metadata records untouched. Implementations are stateless and thread-safe; they may take
 * milliseconds to seconds, so servers run them off the request path.
 *
 * <pre>{@code
 * LosslessOptimizer.Result r = optimizer.optimize(protectedJpeg, OptimizeEffort.DEFAULT, 50_000_000L);
 * serve(r.bytes()); // never larger than the input
 * }</pre>
 */
public interface LosslessOptimizer {

    ImageFormat format();

    /**
     * Recompresses one image.
     *
     * @param maxPixels the picture's width × height above which nothing is decoded (the image is left as it was)
     * @return the smaller bytes with what was done, or the input array itself with why it was left alone
     * @throws ImageFormatException when the image data cannot be decoded safely (corrupt entropy data, lying lengths)
     */
    Result optimize(byte[] image, OptimizeEffort effort, long maxPixels);

    /**
     * @param bytes the optimised image, or the input array itself when it was left alone
     * @param note  a short phrase for the report: what was done ({@code "progressive, optimal Huffman tables"}) or
     *              why nothing was ({@code "arithmetic coding: left as it was"})
     */
    record Result(byte[] bytes, String note) {
        public Result {
            java.util.Objects.requireNonNull(bytes, "bytes");
            java.util.Objects.requireNonNull(note, "note");
        }

        /** The input left as it was, saying why. */
        public static Result unchanged(byte[] input, String why) {
            return new Result(input, why);
        }
    }
}
