package org.imageguard.policy.crawlers;

import java.util.Objects;
import java.util.Optional;

/**
 * What to do with a request as far as AI crawlers go.
 *
 * <pre>{@code
 * CrawlerDecision d = crawlerPolicy.decide(facts);
 * d.agent().ifPresent(agent -> metrics.crawlerRequest(agent, d.verdict()));
 * if (d.verdict() == CrawlerDecision.Verdict.BLOCK) respond403("ai-crawler");
 * }</pre>
 *
 * @param verdict what happens
 * @param agent   the matched crawler token, for per-agent metrics; empty for {@link Verdict#PASS}
 */
public record CrawlerDecision(Verdict verdict, Optional<String> agent) {

    /** The outcomes. */
    public enum Verdict {
        /** Not a listed crawler, or {@code action: allow}: no special treatment. */
        PASS,
        /** A listed crawler that is served (the protected image; or robots.txt / tdmrep.json under block). */
        LABEL,
        /** A listed crawler refused with 403. */
        BLOCK
    }

    static final CrawlerDecision PASS = new CrawlerDecision(Verdict.PASS, Optional.empty());

    public CrawlerDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(agent, "agent");
        if ((verdict == Verdict.PASS) != agent.isEmpty()) {
            throw new IllegalArgumentException("an agent is named exactly when the verdict is not PASS");
        }
    }
}
