package org.imageguard.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.imageguard.config.ConfigError;
import org.imageguard.config.ConfigException;
import org.imageguard.config.ConfigSummary;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.MemoryBudget;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.http.ImageRewriter;
import org.imageguard.http.InFlightBudget;
import org.imageguard.http.RewriteCache;
import org.imageguard.metrics.SiteCounts;
import org.imageguard.metrics.SiteHistory;
import org.imageguard.policy.ImageGuardSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the configuration in force, and the {@link ImageGuardSite} built from it, and replaces both on
 * {@link #reload()}: each request reads one snapshot with {@link #site()}, so a reload applies to new requests only.
 * Every site shares one {@link RewriteCache} (rebuilt only when the {@code cache} section changes): cache keys carry
 * the policy fingerprint, so entries made under an older policy are never served, just left to age out. Every site
 * also shares one {@link InFlightBudget}, so a reload never doubles the bytes bodies may hold. A replaced site's
 * background optimizer is closed, so reloads leak no threads. An invalid new file is logged as
 * {@code FILE:LINE:COLUMN: message} and ignored. The {@code server} and {@code origin} sections are bound at start-up
 * (sockets, client pool): a change there is logged as needing a restart and the running values stay.
 *
 * <pre>{@code
 * ConfigReloader configs = new ConfigReloader(() -> ConfigLoader.load(file)); // loads once now
 * ConfigWatcher.start(file, configs::reload);                                  // and on every change
 * ImageGuardConfig current = configs.get();
 * }</pre>
 */
public final class ConfigReloader implements Supplier<ImageGuardConfig>, SiteHistory {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /**
     * A configuration and what serves it, swapped together with what the metrics sum: the site it replaced (requests
     * begun on it may still be counting) and the counts of every site before that, folded into numbers so that
     * reloads keep no site alive.
     */
    private record Loaded(ImageGuardConfig config, ImageGuardSite site, RewriteCache cache, ImageGuardSite replaced,
                          SiteCounts before) {

        /** This one's successor: {@code next} in force, this site the replaced one, the one before folded. */
        Loaded then(ImageGuardConfig nextConfig, ImageGuardSite next, RewriteCache nextCache) {
            SiteCounts folded = replaced == null ? before : before.plus(SiteCounts.of(replaced));
            return new Loaded(nextConfig, next, nextCache, site, folded);
        }

        SiteCounts counts() {
            SiteCounts live = SiteCounts.of(site);
            return before.plus(replaced == null ? live : live.plus(SiteCounts.of(replaced)));
        }
    }

    private final Supplier<ImageGuardConfig> loader;
    private final ImageRewriter rewriter;
    /** One budget for every site: bodies still buffering under a replaced site count against the same bytes. */
    private final InFlightBudget inFlight;
    private final AtomicReference<Loaded> current;

    /** Loads the first configuration now; a ConfigException from this first load propagates. */
    public ConfigReloader(Supplier<ImageGuardConfig> loader) {
        this(loader, ImageRewriter.of(new ImageGuardEngine()));
    }

    /** With another rewriter than the real engine (tests). */
    public ConfigReloader(Supplier<ImageGuardConfig> loader, ImageRewriter rewriter) {
        this(loader, rewriter, null);
    }

    /**
     * With another rewriter and a given in-flight budget (tests); a null budget is a quarter of the heap, at least
     * the first configuration's {@code max-image-size}.
     */
    public ConfigReloader(Supplier<ImageGuardConfig> loader, ImageRewriter rewriter, InFlightBudget inFlight) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        ImageGuardConfig first = loader.get();
        this.inFlight = inFlight != null ? inFlight
                : InFlightBudget.of(MemoryBudget.of(first, Runtime.getRuntime().maxMemory()));
        RewriteCache cache = RewriteCache.offHeap(first.cache());
        this.current = new AtomicReference<>(new Loaded(first, build(first, cache), cache, null, SiteCounts.NONE));
    }

    /** The cache of the site in force: it keeps bodies off the heap, where the public port writes them from. */
    RewriteCache cache() {
        return current.get().cache();
    }

        /** A configuration that never changes (no file, or tests). */
    public static ConfigReloader fixed(ImageGuardConfig config) {
        Objects.requireNonNull(config, "config");
        return new ConfigReloader(() -> config);
    }

    private ImageGuardSite build(ImageGuardConfig config, RewriteCache cache) {
        return ImageGuardSite.of(config, rewriter, cache, inFlight);
    }

    @Override
    public ImageGuardConfig get() {
        return current.get().config();
    }

    /** The site in force: read it once per request. */
    @Override
    public ImageGuardSite site() {
        return current.get().site();
    }

    /** Stops the background optimizer of the site in force (the replaced ones were stopped on reload). */
    public void close() {
        current.get().site().close();
    }

    /** The counts of every site built since start-up, summed: what a reload must never set back. */
    @Override
    public SiteCounts counts() {
        return current.get().counts();
    }

    /** How many sites this reloader keeps alive: the one in force and the one it replaced. */
    int sitesHeld() {
        return current.get().replaced() == null ? 1 : 2;
    }

    /**
     * Loads the configuration again and applies it. Returns the problem when the new one is invalid (the old one
     * stays in force), empty when it was applied or unchanged.
     */
    public synchronized Optional<ConfigException> reload() {
        ImageGuardConfig next;
        try {
            next = loader.get();
        } catch (ConfigException e) {
            LOG.error("configuration not reloaded, the previous one stays in force:\n{}", e.getMessage());
            return Optional.of(e);
        } catch (RuntimeException e) {
            // e.g. a --root flag whose directory disappeared: still the user's to fix, still not fatal.
            ConfigException wrapped = new ConfigException(List.of(new ConfigError("configuration", 0, 0,
                    String.valueOf(e.getMessage()))));
            LOG.error("configuration not reloaded, the previous one stays in force: {}", e.getMessage());
            return Optional.of(wrapped);
        }
        Loaded loaded = current.get();
        ImageGuardConfig old = loaded.config();
        if (!next.server().equals(old.server()) || !next.origin().equals(old.origin())) {
            LOG.warn("server and origin changes take effect after a restart; the running ones stay");
            next = new ImageGuardConfig(old.server(), old.origin(), next.cache(), next.policy(), next.paths());
        }
        if (next.equals(old)) {
            LOG.debug("configuration unchanged");
            return Optional.empty();
        }
        RewriteCache cache = next.cache().equals(old.cache()) ? loaded.cache() : RewriteCache.offHeap(next.cache());
        try {
            ImageGuardSite site = build(next, cache);
            Loaded replaced = current.getAndSet(loaded.then(next, site, cache));
            // Its workers stop; requests still in flight on it are served, their entries just not optimised.
            replaced.site().close();
        } catch (IllegalArgumentException e) {
            // A pattern the loader accepted but a policy could not compile: the old site stays.
            LOG.error("configuration not reloaded, the previous one stays in force: {}", e.getMessage());
            return Optional.of(new ConfigException(List.of(new ConfigError("configuration", 0, 0,
                    String.valueOf(e.getMessage())))));
        }
        LOG.info("configuration reloaded: {}", ConfigSummary.of(next));
        return Optional.empty();
    }
}
