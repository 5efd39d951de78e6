package org.imageguard.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy's Prometheus registry and its named meters, served by the admin port's {@code /metrics}. The JVM
 * binders are registered here; the image pipeline feeds the ImageGuard meters.
 *
 * <pre>{@code
 * ProxyMetrics metrics = new ProxyMetrics();
 * metrics.request("hit");                                   // imageguard_requests_total{outcome="hit"}
 * metrics.rewriteLatency().record(() -> rewrite(bytes));    // imageguard_rewrite_seconds histogram
 * metrics.rewriteError("jpeg", "truncated").increment();    // imageguard_rewrite_errors_total{format,reason}
 * }</pre>
 * Counters whose labels form a closed set start at zero so that dashboards see them; open sets (agents, formats,
 * reasons) appear with their first use.
 */
public final class ProxyMetrics {

    /** Outcomes known in advance: the {@code X-ImageGuard} words, denials, and failures of the origin or the proxy. */
    public static final List<String> OUTCOMES = List.of("hit", "miss", "bypass", "denied", "origin_error", "error");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong cacheBytes = new AtomicLong();
    private final AtomicLong cacheEntries = new AtomicLong();
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Timer rewriteLatency;
    private final Counter bytesSaved;
    private final Counter hotlinkDenials;

    public ProxyMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        OUTCOMES.forEach(this::requests);
        cacheHits = Counter.builder("imageguard.cache.hits").description("Responses served from the cache")
                .register(registry);
        cacheMisses = Counter.builder("imageguard.cache.misses").description("Images rewritten for the cache")
                .register(registry);
        Gauge.builder("imageguard.cache.size", cacheBytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes held by the cache").register(registry);
        Gauge.builder("imageguard.cache.entries", cacheEntries, AtomicLong::get)
                .description("Entries held by the cache").register(registry);
        rewriteLatency = Timer.builder("imageguard.rewrite").description("Time to rewrite one image")
                .publishPercentileHistogram().register(registry);
        bytesSaved = Counter.builder("imageguard.bytes.saved").baseUnit("bytes")
                .description("Bytes the rewritten images are smaller than the originals").register(registry);
        hotlinkDenials = Counter.builder("imageguard.hotlink.denials")
                .description("Image requests refused as hotlinks").register(registry);
    }

    /** Counts one request with its outcome. */
    public void request(String outcome) {
        requests(outcome).increment();
    }

    private Counter requests(String outcome) {
        return Counter.builder("imageguard.requests").description("Requests on the public port by outcome")
                .tag("outcome", outcome).register(registry);
    }

    public Counter cacheHits() {
        return cacheHits;
    }

    public Counter cacheMisses() {
        return cacheMisses;
    }

    /** The cache reports its size after each change. */
    public void cacheSize(long bytes, long entries) {
        cacheBytes.set(bytes);
        cacheEntries.set(entries);
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

    /** {@code agent} is the matched crawler token (a closed list from the configuration), never the raw header. */
    public Counter crawlerBlocks(String agent) {
        return Counter.builder("imageguard.crawler.blocks").description("Requests refused to AI training crawlers")
                .tag("agent", agent).register(registry);
    }

    public Counter rewriteError(String format, String reason) {
        return Counter.builder("imageguard.rewrite.errors").description("Images that could not be rewritten")
                .tag("format", format).tag("reason", reason).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
