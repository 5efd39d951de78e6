package org.imageguard.config;

/** How the bytes are made smaller. */
public enum OptimizeMode implements YamlEnum {
    NONE, LOSSLESS, LOSSY
}
