package org.imageguard.config;

/** What happens to {@code /robots.txt}. */
public enum RobotsTxtMode implements YamlEnum {
    OFF, AUGMENT, REPLACE
}
