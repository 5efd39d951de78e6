package org.imageguard.engine.pixels;

import java.awt.image.BufferedImage;

/**
 * The channels of a decoded image, remembered so the output has the same ones: a grey JPEG stays grey (its grey ICC
 * profile would not fit an RGB file), a PNG without alpha gets none. Work in between happens on 8-bit RGB(A).
 */
enum ColourKind {
    GREY(false), GREY_ALPHA(true), RGB(false), RGBA(true);

    private final boolean alpha;

    ColourKind(boolean alpha) {
        this.alpha = alpha;
    }

    boolean alpha() {
        return alpha;
    }

    boolean grey() {
        return this == GREY || this == GREY_ALPHA;
    }

    /** The {@link BufferedImage} type the work happens on. */
    int workingType() {
        return alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }
}
