package org.imageguard.config;

/**
 * What an image request gets when the in-flight memory budget is spent: wait for room (bounded, then 503), 503 at
 * once, or the unprotected original (metadata, GPS included, leaks: only by explicit choice).
 */
public enum OnBusy implements YamlEnum {
    WAIT, REJECT, PASS
}
