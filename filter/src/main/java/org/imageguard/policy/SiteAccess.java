package org.imageguard.policy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.imageguard.config.HotlinkAction;
import org.imageguard.config.Policy;
import org.imageguard.http.AccessPolicy;
import org.imageguard.http.BypassReason;
import org.imageguard.http.CompiledPolicy;
import org.imageguard.http.Denial;
import org.imageguard.http.Header;
import org.imageguard.http.ImagePaths;
import org.imageguard.http.RequestFacts;
import org.imageguard.policy.crawlers.AiCrawlerList;
import org.imageguard.policy.crawlers.CrawlerDecision;
import org.imageguard.policy.crawlers.CrawlerPolicy;
import org.imageguard.policy.hotlink.HotlinkDecision;
import org.imageguard.policy.hotlink.HotlinkPolicy;
import org.imageguard.policy.hotlink.Placeholder;

/**
 * The AI crawler and hotlink rules of each configured policy ({@code paths:} overrides included), compiled once per
 * policy by {@link #rulesFor} into the {@link AccessPolicy} its {@link CompiledPolicy} carries, and the counts metrics
 * read, shared by all of them.
 *
 * <ul>
 *   <li>A listed crawler under {@code block} gets 403 ({@code X-ImageGuard: bypass;reason=crawler}) on every path
 *       but {@code /robots.txt} and {@code /.well-known/tdmrep.json}; under {@code label} it is served and counted.</li>
 *   <li>Hotlink protection guards image requests: paths with an image extension (jpg, jpeg, png, gif, webp, avif,
 *       svg, ico, bmp, tif, tiff, ...) are decided before the origin is asked; any other path is decided again when
 *       its response turns out to be an image (a cache hit, or bytes sniffed as one), so {@code /image?id=3} is
 *       covered too. A denial is 403 ({@code forbid}), the {@link Placeholder} PNG ({@code placeholder}) or a 302 to
 *       {@code redirect-to}, always {@code Cache-Control: private, no-store}, never cached.</li>
 * </ul>
 *
 * <pre>{@code
 * SiteAccess access = new SiteAccess();                                   // once per site
 * CompiledPaths<CompiledPolicy> paths = PathResolver.of(config)
 *         .compile(r -> CompiledPolicy.of(r.policy(), r.fingerprint(), access.rulesFor(r.policy())));
 * access.crawlerCounts();                              // {"GPTBot": {BLOCK=3}, ...} for metrics
 * }</pre>
 */
public final class SiteAccess {

    private static final byte[] REDIRECT_BODY = "Found\n".getBytes(StandardCharsets.UTF_8);

    private final Map<String, Map<CrawlerDecision.Verdict, LongAdder>> crawlers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> hotlinkDenials = new ConcurrentHashMap<>();

    /**
     * The compiled crawler and hotlink rules of one policy, counting into this site's counts.
     *
     * @throws IllegalArgumentException naming the entry when a hotlink {@code allow} or {@code exempt-paths} entry
     *                                  cannot be compiled
     */
    public AccessPolicy rulesFor(Policy policy) {
        return new Rules(new CrawlerPolicy(policy.aiCrawlers(), AiCrawlerList.builtIn()),
                new HotlinkPolicy(policy.hotlink()), denial(policy.hotlink().action(), policy.hotlink().redirectTo()));
    }

    /** Requests by matched crawler token and verdict (LABEL: served, BLOCK: refused) since start-up. */
    public Map<String, Map<CrawlerDecision.Verdict, Long>> crawlerCounts() {
        Map<String, Map<CrawlerDecision.Verdict, Long>> out = new TreeMap<>();
        crawlers.forEach((agent, verdicts) -> {
            Map<CrawlerDecision.Verdict, Long> counts = new TreeMap<>();
            verdicts.forEach((verdict, adder) -> counts.put(verdict, adder.sum()));
            out.put(agent, counts);
        });
        return out;
    }

    /** Hotlink denials by reason word ({@code foreign-referer}, {@code cross-site-embed}, ...) since start-up. */
    public Map<String, Long> hotlinkDenials() {
        Map<String, Long> out = new TreeMap<>();
        hotlinkDenials.forEach((reason, adder) -> out.put(reason, adder.sum()));
        return out;
    }

    private void count(CrawlerDecision decision) {
        crawlers.computeIfAbsent(decision.agent().orElseThrow(), agent -> new ConcurrentHashMap<>())
                .computeIfAbsent(decision.verdict(), verdict -> new LongAdder()).increment();
    }

    private static Denial denial(HotlinkAction action, String redirectTo) {
        return switch (action) {
            case FORBID -> Denial.forbidden(BypassReason.HOTLINK);
            case PLACEHOLDER -> new Denial(200, BypassReason.HOTLINK,
                    List.of(new Header("Content-Type", Placeholder.contentType())), Placeholder.bytes());
            case REDIRECT -> new Denial(302, BypassReason.HOTLINK, List.of(new Header("Location", redirectTo),
                    new Header("Content-Type", "text/plain;charset=utf-8")), REDIRECT_BODY);
        };
    }

    @Override
    public String toString() {
        return "SiteAccess[crawlers=" + crawlerCounts() + ", hotlinkDenials=" + hotlinkDenials() + "]";
    }

    /** The compiled rules of one configured {@link Policy} and the answer its hotlink denials get. */
    private final class Rules implements AccessPolicy {

        private final CrawlerPolicy crawlerPolicy;
        private final HotlinkPolicy hotlink;
        private final Denial hotlinkDenial;

        Rules(CrawlerPolicy crawlerPolicy, HotlinkPolicy hotlink, Denial hotlinkDenial) {
            this.crawlerPolicy = crawlerPolicy;
            this.hotlink = hotlink;
            this.hotlinkDenial = hotlinkDenial;
        }

        @Override
        public Optional<Denial> check(RequestFacts request) {
            CrawlerDecision crawler = crawlerPolicy.decide(request);
            if (crawler.verdict() != CrawlerDecision.Verdict.PASS) {
                count(crawler);
                if (crawler.verdict() == CrawlerDecision.Verdict.BLOCK) {
                    return Optional.of(Denial.forbidden(BypassReason.CRAWLER));
                }
            }
            return ImagePaths.hasImageExtension(request.path()) ? checkImage(request) : Optional.empty();
        }

        @Override
        public Optional<Denial> checkImage(RequestFacts request) {
            HotlinkDecision decision = hotlink.decide(request);
            if (decision.allowed()) {
                return Optional.empty();
            }
            hotlinkDenials.computeIfAbsent(decision.reason().word(), reason -> new LongAdder()).increment();
            return Optional.of(hotlinkDenial);
        }

        @Override
        public String toString() {
            return "{" + crawlerPolicy + ", " + hotlink + "}";
        }
    }
}
