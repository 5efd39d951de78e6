package org.imageguard.config;

import java.util.Objects;

/**
 * Bounds on the work one image may cause.
 *
 * @param maxImageSize         larger bodies stream through untouched
 * @param maxPixels            checked from the header before any pixel decode
 * @param transformConcurrency CPU-heavy transforms at once; 0 = number of cores
 * @param onBusy               what an image gets when the in-flight memory budget is spent (never changes the
 *                             bytes of a protected image, so it is no part of the policy fingerprint)
 * @param onUnsupported        an image in a format ImageGuard cannot protect: passed with signals, or refused
 */
public record LimitSettings(DataSize maxImageSize, long maxPixels, int transformConcurrency, OnError onError,
                            OnBusy onBusy, OnUnsupported onUnsupported) {

    public static final LimitSettings DEFAULTS = new LimitSettings(DataSize.ofMegabytes(32), 50_000_000L, 0,
            OnError.PASSTHROUGH, OnBusy.WAIT, OnUnsupported.PASS);

    /** With {@code on-busy: wait} and {@code on-unsupported: pass}, the defaults. */
    public LimitSettings(DataSize maxImageSize, long maxPixels, int transformConcurrency, OnError onError) {
        this(maxImageSize, maxPixels, transformConcurrency, onError, OnBusy.WAIT, OnUnsupported.PASS);
    }

    public LimitSettings {
        Objects.requireNonNull(maxImageSize, "maxImageSize");
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(onUnsupported, "onUnsupported");
        Objects.requireNonNull(onBusy, "onBusy");
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("max-pixels must be positive, got " + maxPixels);
        }
        if (transformConcurrency < 0) {
            throw new IllegalArgumentException("transform-concurrency cannot be negative, got " + transformConcurrency);
        }
    }

    /** The effective number of concurrent CPU-heavy transforms. */
    public int effectiveTransformConcurrency() {
        return transformConcurrency == 0 ? Runtime.getRuntime().availableProcessors() : transformConcurrency;
    }
}
