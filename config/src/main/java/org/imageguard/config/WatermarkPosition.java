package org.imageguard.config;

/** Where a watermark is drawn: a corner, the centre, or {@code tiled} (repeated diagonally over the whole image). */
public enum WatermarkPosition implements YamlEnum {
    TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT, CENTER, TILED
}
