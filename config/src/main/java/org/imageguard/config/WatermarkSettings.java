package org.imageguard.config;

import java.util.Objects;

/** A text watermark drawn on images at least {@code minWidth} pixels wide. */
public record WatermarkSettings(boolean enabled, String text, WatermarkPosition position, double opacity,
                                int minWidth) {

    public static final WatermarkSettings DEFAULTS =
            new WatermarkSettings(false, "", WatermarkPosition.BOTTOM_RIGHT, 0.35, 300);

    public WatermarkSettings {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be between 0 and 1, got " + opacity);
        }
        if (minWidth < 0) {
            throw new IllegalArgumentException("min-width cannot be negative, got " + minWidth);
        }
        if (enabled && text.isBlank()) {
            throw new IllegalArgumentException("an enabled watermark needs a text");
        }
    }
}
