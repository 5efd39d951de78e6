package org.imageguard.http;

/**
 * Which body a cache entry holds. A miss stores the protected body (metadata surgery only, milliseconds) and serves
 * it at once; lossless recompression, which can take seconds, runs afterwards in the background and replaces it.
 * The label goes into {@code X-ImageGuard} ({@code hit;stage=optimized}).
 */
public enum Stage {
    /** Metadata protected; recompression not tried yet (or {@code optimize.mode: none}). */
    PROTECTED("protected", true),
    /** Recompressed into fewer bytes that decode to the same pixels; it has its own ETag. */
    OPTIMIZED("optimized", false),
    /**
     * Recompression was tried and kept the protected body (nothing smaller, or image data it could not decode):
     * the same bytes and ETag as {@link #PROTECTED}, never tried again.
     */
    PROTECTED_FINAL("protected", false);

    private final String label;
    private final boolean optimizable;

    Stage(String label, boolean optimizable) {
        this.label = label;
        this.optimizable = optimizable;
    }

    /** The word after {@code stage=}: which bytes the body is, not how far the work got. */
    public String label() {
        return label;
    }

    /** Whether a background job may still make this entry smaller. */
    boolean optimizable() {
        return optimizable;
    }
}
