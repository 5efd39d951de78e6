package org.imageguard.policy;

import java.util.Objects;

import org.imageguard.config.CompiledPaths;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.MemoryBudget;
import org.imageguard.config.PathResolver;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.http.CompiledPolicy;
import org.imageguard.http.ImageGuardPipeline;
import org.imageguard.http.ImageRewriter;
import org.imageguard.http.InFlightBudget;
import org.imageguard.http.RewriteCache;
import org.imageguard.policy.robots.CrawlerFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configuration turned into what serves it: the {@link ImageGuardPipeline} (engine, one {@link CompiledPolicy}
 * per {@code paths:} rule with its {@link SiteAccess} rules, cache settings, robots.txt and tdmrep.json) and the
 * access counts the metrics read. The servlet filter and the proxy both start from here, so they behave alike.
 *
 * <pre>{@code
 * ImageGuardSite site = ImageGuardSite.of(ConfigLoader.load(Path.of("imageguard.yaml")));
 * Step step = site.pipeline().begin(facts);
 * site.access().crawlerCounts();
 * }</pre>
 *
 * @param pipeline the request flow
 * @param access   the crawler and hotlink counts of its policies
 */
public record ImageGuardSite(ImageGuardPipeline pipeline, SiteAccess access) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageGuardSite.class);

    public ImageGuardSite {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(access, "access");
    }

    /** With the real engine. */
    public static ImageGuardSite of(ImageGuardConfig config) {
        return of(config, ImageRewriter.of(new ImageGuardEngine()));
    }

    /** Stops the pipeline's background optimizer (a reload replaced this site, or the application stops). */
    @Override
    public void close() {
        pipeline.close();
    }

    /**
     * @throws IllegalArgumentException when a hotlink pattern cannot be compiled (the configuration module has
     *                                  validated them already, so only hand-built settings get here)
     */
    public static ImageGuardSite of(ImageGuardConfig config, ImageRewriter rewriter) {
        return of(config, rewriter, new RewriteCache(config.cache()));
    }

    /**
     * With a cache that outlives this site: the proxy keeps one across configuration reloads. Keys carry the policy
     * fingerprint, so entries made under another policy are simply not found.
     */
    public static ImageGuardSite of(ImageGuardConfig config, ImageRewriter rewriter, RewriteCache cache) {
        return of(config, rewriter, cache, InFlightBudget.of(MemoryBudget.of(config, Runtime.getRuntime().maxMemory())));
    }

    /**
     * With a cache and an in-flight budget that outlive this site: the proxy keeps both across reloads, so requests
     * still buffering under the old site count against the same bytes as those under the new one.
     */
    public static ImageGuardSite of(ImageGuardConfig config, ImageRewriter rewriter, RewriteCache cache,
                                    InFlightBudget inFlight) {
        SiteAccess access = new SiteAccess();
        CompiledPaths<CompiledPolicy> paths = PathResolver.of(config)
                .compile(rule -> CompiledPolicy.of(rule.policy(), rule.fingerprint(), access.rulesFor(rule.policy())));
        ImageGuardPipeline pipeline = ImageGuardPipeline.builder()
                .rewriter(rewriter)
                .paths(paths)
                .siteFiles(CrawlerFiles.of(config))
                .cache(cache)
                .inFlight(inFlight)
                .build();
        return new ImageGuardSite(pipeline, access);
    }
}
