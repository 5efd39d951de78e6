package org.imageguard.config;

import java.util.Objects;

/**
 * How the bytes are made smaller.
 *
 * @param effort           time traded for bytes by recompression
 * @param jpegQuality      1..100, or {@link #AUTO_QUALITY} ({@code jpeg-quality: auto}): per image, the lowest quality
 *                         whose result stays structurally similar to the original
 * @param minSavingPercent keep a re-encoded result only if it is at least this many percent smaller (0..100)
 * @param maxWidth         0 = never resize
 * @param maxHeight        0 = never resize
 * @param webp             serve WebP to clients whose {@code Accept} allows it
 */
public record OptimizeSettings(OptimizeMode mode, OptimizeEffort effort, int jpegQuality, double minSavingPercent, int maxWidth,
                               int maxHeight, boolean webp) {

    /** {@code jpeg-quality: auto}. */
    public static final int AUTO_QUALITY = 0;

    public static final OptimizeSettings DEFAULTS = new OptimizeSettings(OptimizeMode.LOSSLESS, OptimizeEffort.DEFAULT, 82, 5, 0, 0, false);

    public OptimizeSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(effort, "effort");
        if (jpegQuality != AUTO_QUALITY && (jpegQuality < 1 || jpegQuality > 100)) {
            throw new IllegalArgumentException("jpeg-quality must be 1..100 or auto, got " + jpegQuality);
        }
        if (!(minSavingPercent >= 0 && minSavingPercent <= 100)) {
            throw new IllegalArgumentException("min-saving must be 0%..100%, got " + minSavingPercent + "%");
        }
        if (maxWidth < 0 || maxHeight < 0) {
            throw new IllegalArgumentException("max-width and max-height cannot be negative");
        }
    }

    public boolean autoQuality() {
        return jpegQuality == AUTO_QUALITY;
    }

    /** {@code auto} or the number, as the configuration spells it. */
    public String jpegQualityText() {
        return autoQuality() ? "auto" : Integer.toString(jpegQuality);
    }

    /** Whether serving this policy needs the pixels decoded (anything beyond metadata surgery). */
    public boolean decodesPixels() {
        return mode == OptimizeMode.LOSSY || maxWidth > 0 || maxHeight > 0 || webp;
    }
}
