package org.imageguard.config;

/** Fingerprints recorded once; a change here changes every ETag in production and must be deliberate. */
final class PolicyFingerprintGolden {

    static final String DEFAULTS = "170c4d5bc55422f3";

    private PolicyFingerprintGolden() {
    }
}
