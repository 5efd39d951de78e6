package org.imageguard.config;

/** What happens to the image's own XMP packet: kept with ours set on top, or replaced by ours. */
public enum ExistingXmp implements YamlEnum {
    MERGE, REPLACE
}
