package org.imageguard.config;

import java.util.List;
import java.util.Objects;

/**
 * Finds the effective policy for a request path: the first {@code paths:} entry whose glob matches, else the top
 * level. Globs are compiled and fingerprints computed once, here, so a lookup only runs the compiled matchers.
 *
 * <pre>{@code
 * PathResolver resolver = PathResolver.of(config);
 * PathResolver.Resolved r = resolver.resolve("/thumbs/a.jpg");
 * r.policy().optimize().mode(); // NONE with "- match: /thumbs/**  optimize: { mode: none }"
 * r.fingerprint();              // part of the cache key and the ETag
 * }</pre>
 */
public final class PathResolver {

    private final List<Rule> rules;
    private final Resolved fallback;

    private PathResolver(List<Rule> rules, Resolved fallback) {
        this.rules = rules;
        this.fallback = fallback;
    }

    public static PathResolver of(ImageGuardConfig config) {
        List<Rule> rules = config.paths().stream()
                .map(rule -> new Rule(Glob.compile(rule.match()), new Resolved(rule.match(), rule.policy(),
                        PolicyFingerprint.of(rule.policy()))))
                .toList();
        Policy top = config.policy();
        return new PathResolver(rules, new Resolved("", top, PolicyFingerprint.of(top)));
    }

    /** The policy for a decoded, normalised request path without the query string. */
    public Resolved resolve(String path) {
        for (Rule rule : rules) {
            if (rule.glob.matches(path)) {
                return rule.resolved;
            }
        }
        return fallback;
    }

    /** The rules in order, for start-up logging. */
    @Override
    public String toString() {
        return "PathResolver" + rules.stream().map(r -> r.glob.toString()).toList();
    }

    /**
     * An effective policy with its fingerprint.
     *
     * @param match the glob of the entry that matched; empty for the top level
     */
    public record Resolved(String match, Policy policy, String fingerprint) {
        public Resolved {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    private record Rule(Glob glob, Resolved resolved) {
    }
}
