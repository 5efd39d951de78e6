package org.imageguard.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import org.imageguard.http.HttpAnswer;
import org.imageguard.http.Outcome;
import org.imageguard.metrics.PrometheusText;
import org.imageguard.metrics.RequestMeters;
import org.imageguard.metrics.SiteHistory;
import org.imageguard.metrics.SiteMeters;

/**
 * The proxy's Prometheus registry, served by the admin port's {@code /metrics}: the JVM's meters, the per-request
 * ones ({@link RequestMeters}), and, once {@link #bind} is called, what the pipeline counts itself
 * ({@link SiteMeters}: cache, crawler blocks, rewrite errors), brought up to date before each scrape. The servlet
 * filter publishes the same {@code imageguard_*} meters.
 *
 * <pre>{@code
 * ProxyMetrics metrics = new ProxyMetrics();
 * metrics.request(Outcome.bypass(BypassReason.TOO_LARGE)); // imageguard_requests_total{outcome="bypass",reason="too-large"}
 * metrics.rewritten(answer, originalLength, nanos);   // imageguard_rewrite_seconds histogram, bytes saved
 * }</pre>
 */
public final class ProxyMetrics {

    private final PrometheusText prometheus = new PrometheusText();
    private final RequestMeters requests = new RequestMeters(prometheus.registry());

    /** Adds the pipeline's own meters of every site {@code sites} builds, read before each scrape. */
    void bind(SiteHistory sites) {
        SiteMeters meters = SiteMeters.bind(prometheus.registry(), sites);
        prometheus.beforeScrape(meters::registerLabelled);
    }

    /** See {@link RequestMeters#request(Outcome)}. */
    public void request(Outcome outcome) {
        requests.request(outcome);
    }

    /** See {@link RequestMeters#failed}. */
    public void failed(RequestMeters.Failure failure) {
        requests.failed(failure);
    }

    /** See {@link RequestMeters#rewritten}. */
    public void rewritten(HttpAnswer answer, long originalLength, long nanos) {
        requests.rewritten(answer, originalLength, nanos);
    }

    /** See {@link RequestMeters#writeFailed}. */
    public void writeFailed(String cause) {
        requests.writeFailed(cause);
    }

    public MeterRegistry registry() {
        return prometheus.registry();
    }

    /** Runs before every scrape, e.g. to register meters for labels seen since the last one. */
    void beforeScrape(Runnable action) {
        prometheus.beforeScrape(action);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return prometheus.scrape();
    }
}
