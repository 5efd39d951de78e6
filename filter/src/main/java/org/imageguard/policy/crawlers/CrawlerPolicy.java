package org.imageguard.policy.crawlers;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.imageguard.config.AiCrawlerSettings;
import org.imageguard.config.CrawlerAction;
import org.imageguard.http.RequestFacts;

/**
 * Recognizes AI training crawlers by User-Agent and applies {@code ai-crawlers.action}:
 * {@code block} answers 403 everywhere except the two files crawlers must be able to read ({@link #ROBOTS_TXT},
 * {@link #TDMREP_JSON}); {@code label} serves them (the image carries its protection) and counts them;
 * {@code allow} does not even look.
 *
 * <pre>{@code
 * CrawlerPolicy policy = new CrawlerPolicy(settings, AiCrawlerList.builtIn()); // once
 * CrawlerDecision d = policy.decide(facts);                                    // per request
 * }</pre>
 */
public final class CrawlerPolicy {

    /** Where robots.txt is served; never blocked. */
    public static final String ROBOTS_TXT = "/robots.txt";
    /** Where the TDMRep file is served; never blocked. */
    public static final String TDMREP_JSON = "/.well-known/tdmrep.json";

    private static final Set<String> ALWAYS_READABLE = Set.of(ROBOTS_TXT, TDMREP_JSON);

    private final CrawlerAction action;
    private final AiCrawlerList crawlers;
    private final UserAgentMatcher matcher;

    /** @param builtIn the list before configuration, normally {@link AiCrawlerList#builtIn()} */
    public CrawlerPolicy(AiCrawlerSettings settings, AiCrawlerList builtIn) {
        this.action = Objects.requireNonNull(settings, "settings").action();
        this.crawlers = builtIn.configured(settings);
        this.matcher = UserAgentMatcher.of(crawlers.userAgents());
    }

    /** Decides one request. */
    public CrawlerDecision decide(RequestFacts request) {
        if (action == CrawlerAction.ALLOW) {
            return CrawlerDecision.PASS;
        }
        Optional<String> agent = matcher.match(request.userAgent());
        if (agent.isEmpty()) {
            return CrawlerDecision.PASS;
        }
        boolean block = action == CrawlerAction.BLOCK && !ALWAYS_READABLE.contains(request.path());
        return new CrawlerDecision(block ? CrawlerDecision.Verdict.BLOCK : CrawlerDecision.Verdict.LABEL, agent);
    }

    /** The effective list (built-in plus extras minus carve-outs). */
    public AiCrawlerList crawlers() {
        return crawlers;
    }

    @Override
    public String toString() {
        return "CrawlerPolicy{action=" + action.yamlName() + ", " + crawlers + "}";
    }
}
