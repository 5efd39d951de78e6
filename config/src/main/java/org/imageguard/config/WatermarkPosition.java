package org.imageguard.config;

/** Where a watermark is drawn. */
public enum WatermarkPosition implements YamlEnum {
    TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT, CENTER
}
