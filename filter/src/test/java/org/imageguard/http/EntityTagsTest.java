package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.imageguard.config.DataMining;
import org.imageguard.config.Policy;
import org.imageguard.config.PolicyFingerprint;
import org.imageguard.config.ProtectionSettings;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    private static final byte[] BODY = "pretend jpeg".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSameInputsGiveTheSameStrongTagInAnyProcess() {
        String validator = EntityTags.originValidator(OriginResponse.ok("image/jpeg").withEtag("\"v1\""), BODY);
        String fingerprint = PolicyFingerprint.of(Policy.DEFAULTS);
        String etag = EntityTags.derive(validator, fingerprint, Variant.ORIGINAL);

        // Recomputed from scratch, as another replica or a restarted process would.
        assertThat(EntityTags.derive("etag:\"v1\"", PolicyFingerprint.of(
                Policy.DEFAULTS), Variant.ORIGINAL)).isEqualTo(etag);
        assertThat(etag).matches("\"ig-[A-Za-z0-9_-]{22}\"");
    }

    @Test
    void aChangedPolicyOriginalOrVariantChangesTheTag() {
        String fingerprint = PolicyFingerprint.of(Policy.DEFAULTS);
        ProtectionSettings p = ProtectionSettings.DEFAULTS;
        Policy other = CompiledPolicyTest.withProtection(new ProtectionSettings(DataMining.DMI_PROHIBITED_AIMLTRAINING,
                "", p.rights(), p.existingXmp(), p.strip(), p.headers()));
        String base = EntityTags.derive("etag:\"v1\"", fingerprint, Variant.ORIGINAL);

        assertThat(PolicyFingerprint.of(other)).isNotEqualTo(fingerprint);
        assertThat(EntityTags.derive("etag:\"v1\"", PolicyFingerprint.of(other), Variant.ORIGINAL)).isNotEqualTo(base);
        assertThat(EntityTags.derive("etag:\"v2\"", fingerprint, Variant.ORIGINAL)).isNotEqualTo(base);
        assertThat(EntityTags.derive("etag:\"v1\"", fingerprint, Variant.WEBP)).isNotEqualTo(base);
    }

    @Test
    void originValidatorPrefersEtagThenLastModifiedThenBodyHash() {
        OriginResponse both = OriginResponse.ok("image/png").withEtag("W/\"abc\"")
                .withLastModified("Tue, 01 Oct 2024 10:00:00 GMT");
        assertThat(EntityTags.originValidator(both, BODY)).isEqualTo("etag:\"abc\"");
        assertThat(EntityTags.originValidator(both.withEtag(""), BODY))
                .isEqualTo("lm:Tue, 01 Oct 2024 10:00:00 GMT");
        assertThat(EntityTags.originValidator(OriginResponse.ok("image/png"), BODY))
                .isEqualTo("sha256:" + Digests.sha256Hex(BODY))
                .isNotEqualTo(EntityTags.originValidator(OriginResponse.ok("image/png"), new byte[] {1}));
    }

    @Test
    void ifNoneMatchUsesWeakComparisonOverAList() {
        String ours = "\"ig-abc\"";
        assertThat(EntityTags.noneMatchHits("\"ig-abc\"", ours)).isTrue();
        assertThat(EntityTags.noneMatchHits("W/\"ig-abc\"", ours)).isTrue();
        assertThat(EntityTags.noneMatchHits("\"x\", \"y,z\" ,W/\"ig-abc\"", ours)).isTrue();
        assertThat(EntityTags.noneMatchHits("*", ours)).isTrue();
        assertThat(EntityTags.noneMatchHits("\"ig-abcd\"", ours)).isFalse();
        assertThat(EntityTags.noneMatchHits("ig-abc", ours)).as("unquoted is malformed").isFalse();
        assertThat(EntityTags.noneMatchHits("\"ig-abc", ours)).as("unterminated").isFalse();
        assertThat(EntityTags.noneMatchHits("\"a\"", "")).as("no tag to match").isFalse();
    }

    @Test
    void ifRangeUsesStrongComparison() {
        assertThat(EntityTags.strongMatch("\"ig-abc\"", "\"ig-abc\"")).isTrue();
        assertThat(EntityTags.strongMatch("W/\"ig-abc\"", "\"ig-abc\"")).isFalse();
        assertThat(EntityTags.strongMatch("\"ig-abc\"", "W/\"ig-abc\"")).isFalse();
    }
}
