package org.imageguard.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import org.imageguard.engine.ImageFormat;
import org.imageguard.http.CacheStats;
import org.imageguard.http.OptimizerStats;
import org.imageguard.http.RewriteFailures;

/**
 * The meters the pipeline counts itself, read when the registry publishes: cache hits, misses, evictions and size
 * (of the cache in force), the in-flight budget, and, summed over every site built since start-up so that a reload
 * never sets a counter back, crawler blocks by agent, rewrite errors by format and reason, unsupported formats,
 * images too large to rewrite, and the background optimizer's queue, run time, savings and drops.
 *
 * <pre>{@code
 * SiteMeters meters = SiteMeters.bind(registry, sites);   // keep it: the meters read it through a weak reference
 * meters.registerLabelled();   // before a scrape, or after a request that may have brought a new label
 * meters.close();              // the filter is destroyed: the registry may outlive it
 * }</pre>
 */
public final class SiteMeters implements AutoCloseable {

    private final SiteHistory sites;
    private final MeterRegistry registry;
    private final Set<Meter> registered = ConcurrentHashMap.newKeySet();

    private SiteMeters(SiteHistory sites, MeterRegistry registry) {
        this.sites = sites;
        this.registry = registry;
    }

    public static SiteMeters bind(MeterRegistry registry, SiteHistory sites) {
        SiteMeters meters = new SiteMeters(sites, registry);
        meters.registerFixed();
        meters.registerLabelled();
        return meters;
    }

    private void registerFixed() {
        cacheCounter("imageguard.cache.hits", "Responses served from the cache", CacheStats::hits);
        cacheCounter("imageguard.cache.misses", "Images rewritten for the cache", CacheStats::misses);
        cacheCounter("imageguard.cache.evictions", "Entries dropped to stay within cache.max-size",
                CacheStats::evictions);
        keep(Gauge.builder("imageguard.cache.size", this, m -> m.cache().sizeBytes()).baseUnit("bytes")
                .description("Bytes held by the cache").register(registry));
        keep(FunctionCounter.builder("imageguard.too.large", this,
                        m -> m.sites.counts().tooLarge())
                .description("Images larger than max-image-size, streamed through untouched").register(registry));
        // One budget serves every site (the proxy's reloads share it), so it is read from the site in force.
        keep(FunctionCounter.builder("imageguard.busy", this,
                        m -> m.sites.site().pipeline().inFlight().refusedCount())
                .description("Image candidates streamed through untouched because the in-flight budget was spent")
                .register(registry));
        registerOptimizer();
        keep(Gauge.builder("imageguard.in.flight", this, m -> m.sites.site().pipeline().inFlight().reserved())
                .baseUnit("bytes").description("Bytes reserved by bodies being buffered right now")
                .register(registry));
        keep(Gauge.builder("imageguard.in.flight.capacity", this,
                        m -> m.sites.site().pipeline().inFlight().capacity())
                .baseUnit("bytes").description("The in-flight budget: bytes image bodies may hold at once")
                .register(registry));
    }

    /** The background optimizer's, summed over every site: a replaced one's counts stay, its queue is empty. */
    private void registerOptimizer() {
        keep(Gauge.builder("imageguard.optimize.queue", this, m -> m.optimizer().queued())
                .description("Lossless optimisation jobs waiting for a worker").register(registry));
        keep(FunctionTimer.builder("imageguard.optimize", this,
                        m -> m.optimizer().runs(), m -> m.optimizer().nanos(), TimeUnit.NANOSECONDS)
                .description("Lossless optimisations run in the background, and their time").register(registry));
        keep(FunctionCounter.builder("imageguard.optimize.saved", this,
                        m -> m.optimizer().bytesSaved())
                .baseUnit("bytes").description("Bytes lossless optimisation took off protected bodies")
                .register(registry));
        keep(FunctionCounter.builder("imageguard.optimize.dropped", this,
                        m -> m.optimizer().dropped())
                .description("Optimisation jobs dropped (queue full or memory short), retried on a later request")
                .register(registry));
    }

    private void cacheCounter(String name, String description, ToLongFunction<CacheStats> value) {
        keep(FunctionCounter.builder(name, this, m -> value.applyAsLong(m.cache())).description(description)
                .register(registry));
    }

    /**
     * Adds a meter for each label seen since the last call (a crawler, a failure kind, an unsupported format). A
     * registry that scrapes calls this first; one that pushes or is read by others, after requests that may have
     * brought a new label. Idempotent: only labels not seen before add a meter.
     */
    public void registerLabelled() {
        SiteCounts counts = sites.counts();
        Set<String> agents = new TreeSet<>(counts.crawlerBlocks().keySet());
        Set<RewriteFailures.Kind> kinds = new TreeSet<>(counts.rewriteErrors().keySet());
        Set<ImageFormat> unsupported = new TreeSet<>(counts.unsupported().keySet());
        unsupported.forEach(format -> keep(FunctionCounter.builder("imageguard.unsupported", this,
                        m -> m.sites.counts().unsupported().getOrDefault(format, 0L))
                .description("Images in a format ImageGuard cannot protect, passed with signals or refused")
                .tag("format", format.name().toLowerCase(Locale.ROOT)).register(registry)));
        agents.forEach(agent -> keep(FunctionCounter.builder("imageguard.crawler.blocks", this,
                        m -> m.sites.counts().crawlerBlocks().getOrDefault(agent, 0L))
                .description("Requests refused to AI training crawlers").tag("agent", agent).register(registry)));
        kinds.forEach(kind -> keep(FunctionCounter.builder("imageguard.rewrite.errors", this,
                        m -> m.sites.counts().rewriteErrors().getOrDefault(kind, 0L))
                .description("Images that could not be rewritten").tag("format", kind.format())
                .tag("reason", kind.reason()).register(registry)));
    }

    /** Removes these meters from the registry, which may outlive the filter (a redeploy must not read dead ones). */
    @Override
    public void close() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private void keep(Meter meter) {
        registered.add(meter);
    }

    private CacheStats cache() {
        return sites.site().pipeline().cacheStats();
    }

    private OptimizerStats optimizer() {
        return sites.counts().optimizer();
    }
}
