package org.imageguard.config;

import java.util.Objects;

/**
 * Everything that decides how one request is treated: the sections a {@code paths:} entry may override. The
 * resolver hands the effective policy for a request path to the engine and the request policy.
 */
public record Policy(ProtectionSettings protection, OptimizeSettings optimize, WatermarkSettings watermark,
                     HotlinkSettings hotlink, AiCrawlerSettings aiCrawlers, LimitSettings limits) {

    public static final Policy DEFAULTS = new Policy(ProtectionSettings.DEFAULTS, OptimizeSettings.DEFAULTS,
            WatermarkSettings.DEFAULTS, HotlinkSettings.DEFAULTS, AiCrawlerSettings.DEFAULTS, LimitSettings.DEFAULTS);

    public Policy {
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(optimize, "optimize");
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(hotlink, "hotlink");
        Objects.requireNonNull(aiCrawlers, "aiCrawlers");
        Objects.requireNonNull(limits, "limits");
    }
}
