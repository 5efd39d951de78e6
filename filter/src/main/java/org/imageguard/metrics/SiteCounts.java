package org.imageguard.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.imageguard.engine.ImageFormat;
import org.imageguard.http.OptimizerStats;
import org.imageguard.http.RewriteFailures;
import org.imageguard.policy.ImageGuardSite;
import org.imageguard.policy.crawlers.CrawlerDecision;

/**
 * What the metrics sum over every site since start-up, as numbers: a replaced site is folded into one of these and
 * let go, so a reload neither sets a counter back nor keeps the site (its cache, its policies) alive.
 *
 * <pre>{@code
 * SiteCounts total = retired.plus(SiteCounts.of(configs.site()));
 * long blocks = total.crawlerBlocks().getOrDefault("GPTBot", 0L);
 * }</pre>
 *
 * @param crawlerBlocks by agent, every agent seen (with 0 where it was only labelled or allowed)
 */
public record SiteCounts(long tooLarge, OptimizerStats optimizer, Map<ImageFormat, Long> unsupported,
                  Map<String, Long> crawlerBlocks, Map<RewriteFailures.Kind, Long> rewriteErrors) {

    public static final SiteCounts NONE =
            new SiteCounts(0, new OptimizerStats(0, 0, 0, 0, 0, 0), Map.of(), Map.of(), Map.of());

    public SiteCounts {
        unsupported = Map.copyOf(unsupported);
        crawlerBlocks = Map.copyOf(crawlerBlocks);
        rewriteErrors = Map.copyOf(rewriteErrors);
    }

    public static SiteCounts of(ImageGuardSite site) {
        Map<String, Long> blocks = new TreeMap<>();
        site.access().crawlerCounts().forEach((agent, verdicts) ->
                blocks.put(agent, verdicts.getOrDefault(CrawlerDecision.Verdict.BLOCK, 0L)));
        return new SiteCounts(site.pipeline().tooLargeCount(), site.pipeline().optimizerStats(),
                site.pipeline().unsupportedByFormat(), blocks, site.pipeline().failures().byKind());
    }

    public SiteCounts plus(SiteCounts other) {
        OptimizerStats a = optimizer;
        OptimizerStats b = other.optimizer;
        return new SiteCounts(tooLarge + other.tooLarge,
                new OptimizerStats(a.queued() + b.queued(), a.dropped() + b.dropped(), a.runs() + b.runs(),
                        a.nanos() + b.nanos(), a.bytesSaved() + b.bytesSaved(), a.failures() + b.failures()),
                sum(unsupported, other.unsupported), sum(crawlerBlocks, other.crawlerBlocks),
                sum(rewriteErrors, other.rewriteErrors));
    }

    private static <K> Map<K, Long> sum(Map<K, Long> a, Map<K, Long> b) {
        Map<K, Long> total = new HashMap<>(a);
        b.forEach((key, count) -> total.merge(key, count, Long::sum));
        return total;
    }
}
