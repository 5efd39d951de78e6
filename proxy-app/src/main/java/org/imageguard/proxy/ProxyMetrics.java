package org.imageguard.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The proxy's Prometheus registry and its per-request meters, served by the admin port's {@code /metrics}. The JVM
 * binders are registered here; {@link SiteMeters} adds what the pipeline counts itself (cache, crawler blocks,
 * rewrite errors) and brings those up to date before each scrape.
 *
 * <pre>{@code
 * ProxyMetrics metrics = new ProxyMetrics();
 * metrics.request("bypass;reason=too-large");   // imageguard_requests_total{outcome="bypass",reason="too-large"}
 * metrics.rewriteLatency().record(nanos, TimeUnit.NANOSECONDS);   // imageguard_rewrite_seconds histogram
 * }</pre>
 * Outcomes known in advance start at zero so that dashboards see them; bypass reasons appear with their first use.
 */
public final class ProxyMetrics {

    /** Outcomes without a reason: the {@code X-ImageGuard} words, untouched responses, failures. */
    public static final List<String> OUTCOMES = List.of("hit", "miss", "pass", "origin_error", "error");

    /** The reason label of outcomes that have none. */
    static final String NO_REASON = "none";

    private static final String BYPASS = "bypass;reason=";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer rewriteLatency;
    private final Counter bytesSaved;
    private final Counter hotlinkDenials;
    private volatile Runnable beforeScrape = () -> { };

    public ProxyMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        OUTCOMES.forEach(outcome -> requests(outcome, NO_REASON));
        rewriteLatency = Timer.builder("imageguard.rewrite").description("Time to rewrite one image (cache misses)")
                .publishPercentileHistogram().register(registry);
        bytesSaved = Counter.builder("imageguard.bytes.saved").baseUnit("bytes")
                .description("Bytes the rewritten images are smaller than the originals").register(registry);
        hotlinkDenials = Counter.builder("imageguard.hotlink.denials")
                .description("Image requests refused as hotlinks").register(registry);
    }

    /** Counts a response whose body could not be written to the client ({@code io} or {@code out_of_memory}). */
    public void writeFailed(String cause) {
        Counter.builder("imageguard.write.failures").description("Responses cut off while writing to the client")
                .tag("cause", cause).register(registry).increment();
    }

    /**
     * Counts one request by what happened to it: an {@code X-ImageGuard} value ({@code hit}, {@code miss},
     * {@code bypass;reason=<word>}), or one of {@link #OUTCOMES}; null or empty is {@code pass} (not ours).
     */
    public void request(String outcome) {
        if (outcome == null || outcome.isEmpty()) {
            requests("pass", NO_REASON).increment();
        } else if (outcome.startsWith(BYPASS)) {
            String reason = outcome.substring(BYPASS.length());
            requests("bypass", reason).increment();
            if (reason.equals("hotlink")) {
                hotlinkDenials.increment();
            }
        } else {
            // hit;stage=optimized counts as a hit: the stage is in the optimizer's own meters.
            int parameters = outcome.indexOf(';');
            requests(parameters < 0 ? outcome : outcome.substring(0, parameters), NO_REASON).increment();
        }
    }

    private Counter requests(String outcome, String reason) {
        return Counter.builder("imageguard.requests").description("Requests on the public port by outcome")
                .tag("outcome", outcome).tag("reason", reason).register(registry);
    }

    public Timer rewriteLatency() {
        return rewriteLatency;
    }

    public Counter bytesSaved() {
        return bytesSaved;
    }

    public Counter hotlinkDenials() {
        return hotlinkDenials;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Runs before every scrape, e.g. to register meters for labels seen since the last one. */
    void beforeScrape(Runnable action) {
        this.beforeScrape = action;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        beforeScrape.run();
        return registry.scrape();
    }
}
