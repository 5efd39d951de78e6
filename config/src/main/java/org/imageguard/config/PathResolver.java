package org.imageguard.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds the effective policy for a request path: the first {@code paths:} entry whose glob matches, else the top
 * level. Globs are compiled once, here, and each policy's fingerprint once, when first asked for (a server asks at
 * start-up; a batch rewrite, which has no cache keys or ETags, never does and so never loads the JDK's digests), so a
 * lookup only runs the compiled matchers.
 *
 * <pre>{@code
 * PathResolver resolver = PathResolver.of(config);
 * PathResolver.Resolved r = resolver.resolve("/thumbs/a.jpg");
 * r.policy().optimize().mode(); // NONE with "- match: /thumbs/**  optimize: { mode: none }"
 * r.fingerprint();              // part of the cache key and the ETag
 * }</pre>
 */
public final class PathResolver {

    private final CompiledPaths<Resolved> resolved;
    private final List<Glob> globs;

    private PathResolver(CompiledPaths<Resolved> resolved, List<Glob> globs) {
        this.resolved = resolved;
        this.globs = globs;
    }

    public static PathResolver of(ImageGuardConfig config) {
        List<Glob> globs = config.paths().stream().map(rule -> Glob.compile(rule.match())).toList();
        List<Resolved> rules = config.paths().stream()
                .map(rule -> new Resolved(rule.match(), rule.policy()))
                .toList();
        return new PathResolver(new CompiledPaths<>(globs, rules, new Resolved("", config.policy())), globs);
    }

    /** The policy for a decoded, normalised request path without the query string. */
    public Resolved resolve(String path) {
        return resolved.resolve(path);
    }

    /**
     * The same rules with {@code compiler} applied once to each effective policy (and the top level's): what a
     * server derives from a policy is built here, at start-up or reload, never per request.
     */
    public <T> CompiledPaths<T> compile(Function<Resolved, T> compiler) {
        return resolved.map(compiler);
    }

    /** The rules in order, for start-up logging. */
    @Override
    public String toString() {
        return "PathResolver" + globs;
    }

    /** An effective policy with its fingerprint. */
    public static final class Resolved {

        private final String match;
        private final Policy policy;
        /** Computed on first use; a race computes the same string twice at worst. */
        private volatile String fingerprint;

        Resolved(String match, Policy policy) {
            this.match = Objects.requireNonNull(match, "match");
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** The glob of the entry that matched; empty for the top level. */
        public String match() {
            return match;
        }

        public Policy policy() {
            return policy;
        }

        /** {@link PolicyFingerprint#of} the policy. */
        public String fingerprint() {
            String computed = fingerprint;
            if (computed == null) {
                computed = PolicyFingerprint.of(policy);
                fingerprint = computed;
            }
            return computed;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Resolved that && match.equals(that.match) && policy.equals(that.policy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(match, policy);
        }

        @Override
        public String toString() {
            return "Resolved[match=" + match + ", policy=" + policy + "]";
        }
    }
}
