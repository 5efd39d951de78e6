package org.imageguard.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

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

    private final CompiledPaths<Resolved> resolved;
    private final List<Glob> globs;

    private PathResolver(CompiledPaths<Resolved> resolved, List<Glob> globs) {
        this.resolved = resolved;
        this.globs = globs;
    }

    public static PathResolver of(ImageGuardConfig config) {
        List<Glob> globs = config.paths().stream().map(rule -> Glob.compile(rule.match())).toList();
        List<Resolved> rules = config.paths().stream()
                .map(rule -> new Resolved(rule.match(), rule.policy(), PolicyFingerprint.of(rule.policy())))
                .toList();
        Policy top = config.policy();
        return new PathResolver(new CompiledPaths<>(globs, rules, new Resolved("", top, PolicyFingerprint.of(top))),
                globs);
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
}
