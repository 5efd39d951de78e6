package org.imageguard.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A Prometheus registry of ImageGuard's own, with the JVM's memory, GC, thread, processor and uptime meters, for
 * whoever has no registry to bind the meters to: the proxy's admin port, the filter's {@code metrics-path}.
 *
 * <pre>{@code
 * PrometheusText prometheus = new PrometheusText();
 * SiteMeters meters = SiteMeters.bind(prometheus.registry(), sites);
 * prometheus.beforeScrape(meters::registerLabelled);
 * String text = prometheus.scrape();   // served as PrometheusText.CONTENT_TYPE
 * }</pre>
 */
public final class PrometheusText implements AutoCloseable {

    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Listens to the JVM's GC notifications until closed: a redeployed filter must not leave it behind. */
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile Runnable beforeScrape = () -> { };

    public PrometheusText() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Runs before every scrape, e.g. to register meters for labels seen since the last one. */
    public void beforeScrape(Runnable action) {
        this.beforeScrape = action;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        beforeScrape.run();
        return registry.scrape();
    }

    /** Stops the JVM binders' background work (JvmGcMetrics listens to GC notifications) and the registry. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
