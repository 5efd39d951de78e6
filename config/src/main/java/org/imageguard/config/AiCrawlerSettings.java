package org.imageguard.config;

import java.util.List;
import java.util.Objects;

/** How AI training crawlers are treated, and what robots.txt and TDMRep tell them. */
public record AiCrawlerSettings(CrawlerAction action, List<String> extraUserAgents, List<String> allowUserAgents,
                                RobotsTxtMode robotsTxt, boolean tdmrepJson) {

    public static final AiCrawlerSettings DEFAULTS =
            new AiCrawlerSettings(CrawlerAction.BLOCK, List.of(), List.of(), RobotsTxtMode.AUGMENT, true);

    public AiCrawlerSettings {
        Objects.requireNonNull(action, "action");
        extraUserAgents = List.copyOf(extraUserAgents);
        allowUserAgents = List.copyOf(allowUserAgents);
        Objects.requireNonNull(robotsTxt, "robotsTxt");
    }
}
