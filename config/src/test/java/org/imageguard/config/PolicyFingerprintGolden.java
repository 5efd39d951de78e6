package org.imageguard.config;

/** Fingerprints recorded once; a change here changes every ETag in production and must be deliberate. */
final class PolicyFingerprintGolden {

    static final String DEFAULTS = "b0cd4af992c0ffb6";

    private PolicyFingerprintGolden() {
    }
}
