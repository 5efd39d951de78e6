package org.imageguard.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code paths:} rules with what a user of the configuration builds once per rule (a server's compiled policy,
 * the engine's prepared one): a lookup runs the compiled globs and hands out the value built for the first match,
 * else the one built for the top level. Made by {@link PathResolver#compile}; immutable and thread-safe when the
 * values are.
 *
 * <pre>{@code
 * CompiledPaths<XmpComposer> composers = PathResolver.of(config).compile(r -> new XmpComposer(r.policy().protection()));
 * composers.resolve("/thumbs/a.jpg");
 * }</pre>
 */
public final class CompiledPaths<T> {

    private final List<Glob> globs;
    private final List<T> values;
    private final T fallback;

    CompiledPaths(List<Glob> globs, List<T> values, T fallback) {
        if (globs.size() != values.size()) {
            throw new IllegalArgumentException(globs.size() + " globs for " + values.size() + " values");
        }
        this.globs = List.copyOf(globs);
        this.values = List.copyOf(values);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** The value of the first rule whose glob matches a decoded, normalised path (no query), else the top level's. */
    public T resolve(String path) {
        for (int i = 0; i < globs.size(); i++) {
            if (globs.get(i).matches(path)) {
                return values.get(i);
            }
        }
        return fallback;
    }

    /** The top level's value: what applies where no rule matches. */
    public T fallback() {
        return fallback;
    }

    <U> CompiledPaths<U> map(Function<? super T, ? extends U> compiler) {
        return new CompiledPaths<>(globs, values.stream().<U>map(compiler).toList(), compiler.apply(fallback));
    }

    /** Each glob with its value, then the top level's, for start-up logging. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < globs.size(); i++) {
            out.append(globs.get(i)).append(" -> ").append(values.get(i)).append(", ");
        }
        return out.append("top -> ").append(fallback).append(']').toString();
    }
}
