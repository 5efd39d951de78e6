package org.imageguard.policy;

import java.util.List;
import org.imageguard.config.AiCrawlerSettings;
import org.imageguard.config.CrawlerAction;
import org.imageguard.config.HotlinkAction;
import org.imageguard.config.HotlinkSettings;
import org.imageguard.config.RobotsTxtMode;

/** The one place the tests call the settings records' constructors, so a new settings field changes one file. */
public final class TestSettings {

    private TestSettings() {
    }

    /** Enabled hotlink protection. */
    public static HotlinkSettings hotlink(List<String> allow, boolean allowEmptyReferer, boolean allowSearchEngines,
                                          List<String> exemptPaths, HotlinkAction action, String redirectTo) {
        return new HotlinkSettings(true, allow, allowEmptyReferer, allowSearchEngines, exemptPaths, action,
                redirectTo);
    }

    public static AiCrawlerSettings crawlers(CrawlerAction action, List<String> extra, List<String> allow,
                                             RobotsTxtMode robotsTxt) {
        return new AiCrawlerSettings(action, extra, allow, robotsTxt, true);
    }
}
