package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key table against the settings records: a field that is neither fingerprinted nor explicitly left out (a
 * {@link ConfigKey#keepsBytes} row) would mean stale ETags and cache entries after a policy change.
 */
class PolicyKeysTest {

    /** WatermarkSettings with a field added and no row for it in the table. */
    record PlantedWatermark(boolean enabled, String text, WatermarkPosition position, double opacity, int minWidth,
                            java.util.Optional<WatermarkLogo> logo, String font) {
    }

    /** Every component of {@code type}, through its nested records, that {@code section} does not account for. */
    private static List<String> unaccounted(Class<? extends Record> type, KeySection<?> section) {
        List<String> missing = new ArrayList<>(KeySection.unpaired(type, section.entries()));
        for (KeyEntry entry : section.entries()) {
            if (entry instanceof KeySection<?> nested) {
                missing.addAll(unaccounted(nested.type(), nested));
            }
        }
        return missing;
    }

    private static List<String> keys(KeySection<?> section, boolean changesBytes) {
        List<String> names = new ArrayList<>();
        for (KeyEntry entry : section.entries()) {
            String dotted = section.name().isEmpty() ? entry.name() : section.name() + "." + entry.name();
            if (entry instanceof KeySection<?> nested) {
                keys(nested, changesBytes).forEach(key -> names.add(section.name().isEmpty() ? key
                        : section.name() + "." + key));
            } else if (((ConfigKey) entry).changesBytes() == changesBytes) {
                names.add(dotted);
            }
        }
        return names;
    }

    @Test
    void everyPolicyFieldIsFingerprintedOrExplicitlyLeftOut() {
        assertThat(unaccounted(Policy.class, PolicyKeys.POLICY)).isEmpty();
    }

    @Test
    void aFieldWithoutARowIsFound() {
        assertThat(KeySection.unpaired(PlantedWatermark.class, PolicyKeys.WATERMARK.entries()))
                .containsExactly("PlantedWatermark.font");
    }

    @Test
    void aTableThatDoesNotPairUpCannotBeBuilt() {
        assertThatThrownBy(() -> KeySection.of("watermark", PlantedWatermark.class, null,
                PolicyKeys.WATERMARK.entries().toArray(KeyEntry[]::new)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PlantedWatermark.font");
    }

    @Test
    void onlyTheseKeysLeaveTheImageBytesAlone() {
        // Moving a key between the lists changes which policy edits give new ETags: a deliberate decision.
        assertThat(keys(PolicyKeys.POLICY, false)).containsExactly(
                "protection.headers.x-robots-tag", "protection.headers.tdm-reservation",
                "protection.headers.tdm-policy", "protection.headers.content-usage", "protection.headers.no-transform",
                "hotlink.enabled", "hotlink.allow", "hotlink.allow-empty-referer", "hotlink.allow-search-engines",
                "hotlink.exempt-paths", "hotlink.action", "hotlink.redirect-to",
                "hotlink.cross-origin-resource-policy",
                "ai-crawlers.action", "ai-crawlers.extra-user-agents", "ai-crawlers.allow-user-agents",
                "ai-crawlers.robots-txt", "ai-crawlers.tdmrep-json",
                "limits.transform-concurrency", "limits.on-error", "limits.on-busy", "limits.on-unsupported");
    }

    @Test
    void everyKeyThatChangesTheBytesIsInTheCanonicalText() {
        String canonical = PolicyFingerprint.canonical(Policy.DEFAULTS);
        List<String> fingerprinted = keys(PolicyKeys.POLICY, true);
        assertThat(fingerprinted).hasSize(26);
        // watermark.logo is left out while unset, so policies without a logo kept their fingerprints.
        assertThat(canonical.lines().count()).isEqualTo(1 + fingerprinted.size() - 1);
        assertThat(canonical).doesNotContain("watermark.logo");
    }

    @Test
    void everyPrintedPolicyKeyIsARowOfTheTable() {
        List<String> printed = KnownKeys.all().entrySet().stream()
                .filter(e -> !e.getValue() && PolicyKeys.SECTIONS.contains(e.getKey().split("\\.")[0]))
                .map(e -> e.getKey()).sorted().toList();
        List<String> rows = new ArrayList<>(keys(PolicyKeys.POLICY, true));
        rows.addAll(keys(PolicyKeys.POLICY, false));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(printed);
    }
}
