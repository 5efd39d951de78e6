package org.imageguard.metrics;

import org.imageguard.policy.ImageGuardSite;

/**
 * The site in force and the counts of every site built since start-up: counters read the counts, so that a
 * configuration reload never sets one back; gauges read the one in force.
 */
public interface SiteHistory {

    /** The site serving requests now. */
    ImageGuardSite site();

    /** The counts of every site built since start-up, summed (a replaced site folded in, not kept alive). */
    SiteCounts counts();

    /** A site that is never replaced (the servlet filter's). */
    static SiteHistory of(ImageGuardSite site) {
        return new SiteHistory() {
            @Override
            public ImageGuardSite site() {
                return site;
            }

            @Override
            public SiteCounts counts() {
                return SiteCounts.of(site);
            }
        };
    }
}
