package org.imageguard.metrics;

import java.util.List;

import org.imageguard.policy.ImageGuardSite;

/**
 * The site in force and every site built since start-up: counters are summed over all of them, so that a
 * configuration reload never sets one back; gauges read the one in force.
 */
public interface SiteHistory {

    /** The site serving requests now. */
    ImageGuardSite site();

    /** Every site built since start-up, the one in force last. */
    List<ImageGuardSite> history();

    /** A site that is never replaced (the servlet filter's). */
    static SiteHistory of(ImageGuardSite site) {
        return new SiteHistory() {
            @Override
            public ImageGuardSite site() {
                return site;
            }

            @Override
            public List<ImageGuardSite> history() {
                return List.of(site);
            }
        };
    }
}
