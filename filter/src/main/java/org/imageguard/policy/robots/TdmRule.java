package org.imageguard.policy.robots;

import java.util.Objects;
import org.imageguard.config.Glob;
import org.imageguard.config.ProtectionSettings;

/**
 * One per-path override as TDMRep needs it: the {@code paths:} glob and the protection in force there.
 *
 * <pre>{@code
 * List<TdmRule> rules = config.paths().stream()
 *         .map(rule -> new TdmRule(rule.match(), rule.policy().protection())).toList();
 * }</pre>
 *
 * @param glob       {@code **} spans folders, {@code *} stays within one
 * @param protection the effective protection for matching paths
 */
public record TdmRule(String glob, ProtectionSettings protection) {

    public TdmRule {
        Objects.requireNonNull(glob, "glob");
        Objects.requireNonNull(protection, "protection");
        Glob.compile(glob); // the same rules as everywhere else a glob is written
    }
}
