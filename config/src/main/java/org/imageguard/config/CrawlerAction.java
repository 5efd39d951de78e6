package org.imageguard.config;

/** What an AI training crawler gets: 403, the protected image, or no special treatment. */
public enum CrawlerAction implements YamlEnum {
    BLOCK, LABEL, ALLOW
}
