package org.imageguard.config;

/** Time traded for bytes by lossless and lossy recompression: more trials, better compressors. */
public enum OptimizeEffort implements YamlEnum {
    /** One good trial per image: for batch jobs on slow machines and very large images. */
    FAST,
    /** The trials that win on most real images, within the time of jpegtran or optipng -o2. */
    DEFAULT,
    /** Every trial and the strongest compressor: for images compressed once and served for years. */
    MAX
}
