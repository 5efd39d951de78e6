package org.imageguard.config;

import java.util.Objects;
import java.util.Optional;

/** A text and/or logo watermark drawn on images at least {@code minWidth} pixels wide. */
public record WatermarkSettings(boolean enabled, String text, WatermarkPosition position, double opacity,
                                int minWidth, Optional<WatermarkLogo> logo) {

    public static final WatermarkSettings DEFAULTS =
            new WatermarkSettings(false, "", WatermarkPosition.BOTTOM_RIGHT, 0.35, 300);

    public WatermarkSettings {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(logo, "logo");
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be between 0 and 1, got " + opacity);
        }
        if (minWidth < 0) {
            throw new IllegalArgumentException("min-width cannot be negative, got " + minWidth);
        }
        if (enabled && text.isBlank() && logo.isEmpty()) {
            throw new IllegalArgumentException("an enabled watermark needs a text or a logo");
        }
    }

    /** A text watermark without a logo. */
    public WatermarkSettings(boolean enabled, String text, WatermarkPosition position, double opacity, int minWidth) {
        this(enabled, text, position, opacity, minWidth, Optional.empty());
    }

    /** What the report and logs call it: the text in quotes, the logo's file name, or both. */
    public String describe() {
        String quoted = text.isBlank() ? "" : "\"" + text + "\"";
        String file = logo.map(l -> "logo " + l.path().getFileName()).orElse("");
        return quoted.isEmpty() ? file : file.isEmpty() ? quoted : quoted + " + " + file;
    }
}
