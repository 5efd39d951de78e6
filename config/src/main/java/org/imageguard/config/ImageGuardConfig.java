package org.imageguard.config;

import java.util.List;
import java.util.Objects;

/**
 * One whole configuration file, immutable. {@code policy} is the top level; {@code paths} are the per-path
 * overrides, already merged onto the top level, in file order (first match wins).
 */
public record ImageGuardConfig(ServerSettings server, OriginSettings origin, CacheSettings cache, Policy policy,
                               List<PathRule> paths) {

    public static final ImageGuardConfig DEFAULTS = new ImageGuardConfig(ServerSettings.DEFAULTS,
            OriginSettings.DEFAULTS, CacheSettings.DEFAULTS, Policy.DEFAULTS, List.of());

    public ImageGuardConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(policy, "policy");
        paths = List.copyOf(paths);
    }

    /**
     * One {@code paths:} entry: a glob ({@code **} crosses folders, {@code *} does not) and the effective policy for
     * paths it matches.
     */
    public record PathRule(String match, Policy policy) {
        public PathRule {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(policy, "policy");
        }
    }
}
