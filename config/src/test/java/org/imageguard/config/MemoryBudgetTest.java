package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a configuration shares the heap, and which ones cannot run in it. */
class MemoryBudgetTest {

    private static final long MB = 1L << 20;

    @Test
    void theDefaultsAt256MegabytesGiveAQuarterToTheCacheAndAQuarterToBodiesInFlight() {
        MemoryBudget budget = MemoryBudget.of(ImageGuardConfig.DEFAULTS, 256 * MB);
        assertThat(budget.cacheBytes()).isEqualTo(64 * MB);
        assertThat(budget.inFlightBytes()).as("and at least one 32MB image twice over").isEqualTo(64 * MB);
        assertThat(budget.problem()).isEmpty();
    }

    @Test
    void anExplicitCacheTheHeapCannotHoldIsRefusedInOneLineNamingTheNumbers() {
        ImageGuardConfig config = ConfigLoader.load("cache: { max-size: 256MB }", "c.yaml");
        assertThat(MemoryBudget.of(config, 256 * MB).problem()).hasValueSatisfying(line -> assertThat(line)
                .doesNotContain("\n").contains("cache.max-size (256MB)").contains("in-flight budget (64MB")
                .contains("-Xmx256MB"));
        assertThat(MemoryBudget.of(config, 1024 * MB).problem()).isEmpty();
    }

    @Test
    void theDefaultsDoNotFitA128MegabyteHeapBecauseOneLargestImageNeeds64() {
        assertThat(MemoryBudget.of(ImageGuardConfig.DEFAULTS, 128 * MB).problem()).isPresent();
        ImageGuardConfig smaller = ConfigLoader.load("limits: { max-image-size: 16MB }", "s.yaml");
        assertThat(MemoryBudget.of(smaller, 128 * MB).problem()).isEmpty();
    }

    @Test
    void theLargestMaxImageSizeOfAnyPathCounts() {
        ImageGuardConfig config = ConfigLoader.load("""
                paths:
                  - match: /huge/**
                    limits: { max-image-size: 100MB }
                """, "p.yaml");
        MemoryBudget budget = MemoryBudget.of(config, 1024 * MB);
        assertThat(budget.largestImage()).isEqualTo(100 * MB);
        assertThat(budget.inFlightBytes()).isEqualTo(256 * MB);
        assertThat(MemoryBudget.of(new CacheSettings(DataSize.ofMegabytes(8), Duration.ofSeconds(1)), 100 * MB,
                256 * MB).problem()).as("200MB of bodies in a 256MB heap").isPresent();
    }
}
