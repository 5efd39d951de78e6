package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

    private final ProxyMetrics metrics = new ProxyMetrics();

    @Test
    void everyKnownOutcomeStartsAtZero() {
        String scrape = metrics.scrape();

        ProxyMetrics.OUTCOMES.forEach(outcome ->
                assertThat(scrape).contains("imageguard_requests_total{outcome=\"" + outcome + "\"} 0.0"));
    }

    @Test
    void labelledMetersAppearWithTheirLabels() {
        metrics.crawlerBlocks("GPTBot").increment();
        metrics.rewriteError("jpeg", "truncated").increment();
        metrics.cacheSize(2048, 3);
        metrics.hotlinkDenials().increment();

        assertThat(metrics.scrape()).contains("imageguard_crawler_blocks_total{agent=\"GPTBot\"} 1.0")
                .contains("imageguard_rewrite_errors_total{format=\"jpeg\",reason=\"truncated\"} 1.0")
                .contains("imageguard_cache_size_bytes 2048.0").contains("imageguard_cache_entries 3.0")
                .contains("imageguard_hotlink_denials_total 1.0");
    }
}
