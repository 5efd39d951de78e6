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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.imageguard.http.BypassReason;
import org.imageguard.http.Outcome;

/**
 * The proxy's Prometheus registry and its per-request meters, served by the admin port's {@code /metrics}. The JVM
 * binders are registered here; {@link SiteMeters} adds what the pipeline counts itself (cache, crawler blocks,
 * rewrite errors) and brings those up to date before each scrape.
 *
 * <pre>{@code
 * ProxyMetrics metrics = new ProxyMetrics();
 * metrics.request(answer.outcome());   // imageguard_requests_total{outcome="bypass",reason="too-large"}
 * metrics.failed(ProxyMetrics.Failure.ORIGIN_ERROR);
 * metrics.rewriteLatency().record(nanos, TimeUnit.NANOSECONDS);   // imageguard_rewrite_seconds histogram
 * }</pre>
 * Outcomes known in advance start at zero so that dashboards see them; bypass reasons appear with their first use.
 */
public final class ProxyMetrics {

    /** Outcomes without a reason: the {@code X-ImageGuard} words, untouched responses, failures. */
    public static final List<String> OUTCOMES = List.of("hit", "miss", "pass", "origin_error", "error");

    /** The reason label of outcomes that have none. */
    static final String NO_REASON = "none";

    /** Requests ImageGuard did not answer itself because something failed: the origin, or ImageGuard. */
    public enum Failure {
        /** The origin could not be reached, timed out or broke off (502/504). */
        ORIGIN_ERROR("origin_error"),
        /** Out of memory or a bug (503/500). */
        ERROR("error");

        private final String word;

        Failure(String word) {
            this.word = word;
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer rewriteLatency;
    private final Counter bytesSaved;
    private final Counter hotlinkDenials;
    private volatile Runnable beforeScrape = () -> { };
    /** Outcomes are shared instances and few: a request finds its counter without building a meter id. */
    private final Map<Outcome, Counter> byOutcome = new ConcurrentHashMap<>();
    private final Counter passed;

    public ProxyMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        OUTCOMES.forEach(outcome -> requests(outcome, NO_REASON));
        passed = requests("pass", NO_REASON);
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
     * Counts one request by its outcome ({@code hit}, {@code miss}, {@code bypass} with its reason, {@code busy});
     * null is {@code pass} (not ours). A hit counts as a hit whatever its stage: the stage is in the optimizer's
     * own meters.
     */
    public void request(Outcome outcome) {
        if (outcome == null) {
            passed.increment();
            return;
        }
        byOutcome.computeIfAbsent(outcome, o -> requests(o.word(),
                o instanceof Outcome.Bypass bypass ? bypass.reason().word() : NO_REASON)).increment();
        if (outcome instanceof Outcome.Bypass bypass && bypass.reason() == BypassReason.HOTLINK) {
            hotlinkDenials.increment();
        }
    }

    /** Counts a request that failed before ImageGuard could answer it. */
    public void failed(Failure failure) {
        requests(failure.word, NO_REASON).increment();
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
