package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyFingerprintTest {

    private static Policy policy(String yaml) {
        return ConfigLoader.load(yaml, "f.yaml").policy();
    }

    @Test
    void isSixteenHexDigits() {
        assertThat(PolicyFingerprint.of(Policy.DEFAULTS)).matches("[0-9a-f]{16}");
    }

    @Test
    void isStableAcrossRunsAndReplicas() {
        // A golden value: it must not change between JVMs, restarts or machines, or every ETag would.
        assertThat(PolicyFingerprint.of(Policy.DEFAULTS)).isEqualTo(PolicyFingerprintGolden.DEFAULTS);
    }

    @Test
    void sameConfigurationGivesTheSameFingerprint() {
        String yaml = "protection: { rights: { creator: Jane } }\noptimize: { mode: lossy }\n";
        assertThat(PolicyFingerprint.of(policy(yaml))).isEqualTo(PolicyFingerprint.of(policy(yaml)));
    }

    @Test
    void changedDataMiningChangesIt() {
        assertThat(PolicyFingerprint.of(policy("protection: { data-mining: DMI-PROHIBITED-AIMLTRAINING }")))
                .isNotEqualTo(PolicyFingerprint.of(Policy.DEFAULTS));
    }

    @Test
    void changedRightsOptimizeWatermarkOrLimitsChangeIt() {
        String defaults = PolicyFingerprint.of(Policy.DEFAULTS);
        assertThat(PolicyFingerprint.of(policy("protection: { rights: { creator: Jane } }"))).isNotEqualTo(defaults);
        assertThat(PolicyFingerprint.of(policy("protection: { strip: all }"))).isNotEqualTo(defaults);
        assertThat(PolicyFingerprint.of(policy("optimize: { webp: true }"))).isNotEqualTo(defaults);
        assertThat(PolicyFingerprint.of(policy("watermark: { opacity: 0.5 }"))).isNotEqualTo(defaults);
        assertThat(PolicyFingerprint.of(policy("limits: { max-pixels: 10M }"))).isNotEqualTo(defaults);
    }

    @Test
    void changedHeaderHotlinkOrCrawlerSettingsKeepIt() {
        String defaults = PolicyFingerprint.of(Policy.DEFAULTS);
        assertThat(PolicyFingerprint.of(policy("protection: { headers: { x-robots-tag: noai } }")))
                .isEqualTo(defaults);
        assertThat(PolicyFingerprint.of(policy("hotlink: { enabled: true }"))).isEqualTo(defaults);
        assertThat(PolicyFingerprint.of(policy("ai-crawlers: { action: label }"))).isEqualTo(defaults);
    }

    @Test
    void valuesCannotBleedIntoEachOther() {
        // Without the length prefix, creator "ab" + credit "" and creator "a" + credit "b" could hash alike.
        Policy one = policy("protection: { rights: { creator: a, credit: b } }");
        Policy two = policy("protection: { rights: { creator: ab } }");
        assertThat(PolicyFingerprint.of(one)).isNotEqualTo(PolicyFingerprint.of(two));
    }
}
