package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.imageguard.http.BypassReason;
import org.imageguard.http.Outcome;
import org.imageguard.http.Stage;
import org.imageguard.metrics.RequestMeters;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

    private final ProxyMetrics metrics = new ProxyMetrics();

    @Test
    void everyKnownOutcomeStartsAtZero() {
        String scrape = metrics.scrape();

        RequestMeters.OUTCOMES.forEach(outcome -> assertThat(scrape)
                .contains("imageguard_requests_total{outcome=\"" + outcome + "\",reason=\"none\"} 0.0"));
    }

    @Test
    void outcomesAreCountedByTheWordAndReasonOfTheirHeader() {
        metrics.request(Outcome.miss(Stage.PROTECTED));
        metrics.request(Outcome.hit(Stage.OPTIMIZED));
        metrics.request(Outcome.bypass(BypassReason.TOO_LARGE));
        metrics.request(Outcome.bypass(BypassReason.TOO_LARGE));
        metrics.request(Outcome.bypass(BypassReason.HOTLINK));
        metrics.request(Outcome.busy());
        metrics.request(null);

        assertThat(metrics.scrape())
                .contains("imageguard_requests_total{outcome=\"miss\",reason=\"none\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"hit\",reason=\"none\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"bypass\",reason=\"too-large\"} 2.0")
                .contains("imageguard_requests_total{outcome=\"bypass\",reason=\"hotlink\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"busy\",reason=\"none\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"pass\",reason=\"none\"} 1.0")
                .contains("imageguard_hotlink_denials_total 1.0");
    }

    @Test
    void failuresBeforeAnyAnswerAreCountedAsOriginErrorOrError() {
        metrics.failed(RequestMeters.Failure.ORIGIN);
        metrics.failed(RequestMeters.Failure.ORIGIN);
        metrics.failed(RequestMeters.Failure.INTERNAL);

        assertThat(metrics.scrape())
                .contains("imageguard_requests_total{outcome=\"origin_error\",reason=\"none\"} 2.0")
                .contains("imageguard_requests_total{outcome=\"error\",reason=\"none\"} 1.0");
    }

    @Test
    void scrapingRunsTheHookFirst() {
        metrics.beforeScrape(() -> metrics.request(Outcome.hit(Stage.PROTECTED)));

        assertThat(metrics.scrape()).contains("imageguard_requests_total{outcome=\"hit\",reason=\"none\"} 1.0");
    }
}
