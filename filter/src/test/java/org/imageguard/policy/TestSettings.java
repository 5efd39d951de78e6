package org.imageguard.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imageguard.config.AiCrawlerSettings;
import org.imageguard.config.CrawlerAction;
import org.imageguard.config.HotlinkAction;
import org.imageguard.config.HotlinkSettings;
import org.imageguard.config.RobotsTxtMode;
import org.imageguard.http.RequestFacts;

/**
 * The one place the tests call the settings records' and the request facts' constructors, so a new field changes one
 * file.
 */
public final class TestSettings {

    private TestSettings() {
    }

    /** Enabled hotlink protection. */
    public static HotlinkSettings hotlink(List<String> allow, boolean allowEmptyReferer, boolean allowSearchEngines,
                                          List<String> exemptPaths, HotlinkAction action, String redirectTo) {
        return new HotlinkSettings(true, allow, allowEmptyReferer, allowSearchEngines, exemptPaths, action,
                redirectTo);
    }

    /** A GET with the headers the request policies read; {@code null} leaves a header out. */
    public static RequestFacts facts(String path, String host, String referer, String secFetchSite,
                                     String secFetchDest, String userAgent) {
        Map<String, String> headers = new HashMap<>();
        headers.put("referer", referer);
        headers.put("sec-fetch-site", secFetchSite);
        headers.put("sec-fetch-dest", secFetchDest);
        headers.put("user-agent", userAgent);
        return new RequestFacts("GET", path == null || path.isEmpty() ? "/" : path, "", host, headers);
    }

    public static AiCrawlerSettings crawlers(CrawlerAction action, List<String> extra, List<String> allow,
                                             RobotsTxtMode robotsTxt) {
        return new AiCrawlerSettings(action, extra, allow, robotsTxt, true);
    }
}
