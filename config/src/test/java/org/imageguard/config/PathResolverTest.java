package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PathResolverTest {

    private final ImageGuardConfig config = ConfigLoader.load("""
            optimize: { mode: lossless }
            paths:
              - match: /thumbs/**
                optimize: { mode: none }
              - match: /thumbs/big/**
                optimize: { mode: lossy }
              - match: /**/*.png
                watermark: { enabled: true, text: © }
            """, "r.yaml");
    private final PathResolver resolver = PathResolver.of(config);

    @Test
    void firstMatchingEntryWins() {
        PathResolver.Resolved resolved = resolver.resolve("/thumbs/big/a.jpg");
        assertThat(resolved.match()).isEqualTo("/thumbs/**");
        assertThat(resolved.policy().optimize().mode()).isEqualTo(OptimizeMode.NONE);
    }

    @Test
    void laterEntriesApplyWhereEarlierOnesDoNotMatch() {
        PathResolver.Resolved resolved = resolver.resolve("/gallery/a.png");
        assertThat(resolved.match()).isEqualTo("/**/*.png");
        assertThat(resolved.policy().watermark().enabled()).isTrue();
        assertThat(resolved.policy().optimize().mode()).isEqualTo(OptimizeMode.LOSSLESS);
    }

    @Test
    void unmatchedPathGetsTheTopLevelPolicy() {
        PathResolver.Resolved resolved = resolver.resolve("/gallery/a.jpg");
        assertThat(resolved.match()).isEmpty();
        assertThat(resolved.policy()).isEqualTo(config.policy());
        assertThat(resolved.fingerprint()).isEqualTo(PolicyFingerprint.of(config.policy()));
    }

    @Test
    void eachRuleCarriesTheFingerprintOfItsPolicy() {
        assertThat(resolver.resolve("/thumbs/a.jpg").fingerprint())
                .isEqualTo(PolicyFingerprint.of(config.paths().get(0).policy()))
                .isNotEqualTo(resolver.resolve("/a.jpg").fingerprint());
    }

    @Test
    void aFingerprintIsComputedOnceAndKept() {
        PathResolver.Resolved resolved = resolver.resolve("/thumbs/a.jpg");

        assertThat(resolved.fingerprint()).isSameAs(resolved.fingerprint());
    }

    @Test
    void lookupReturnsThePrecomputedResult() {
        assertThat(resolver.resolve("/thumbs/a.jpg")).isSameAs(resolver.resolve("/thumbs/b.jpg"));
    }

    @Test
    void compileBuildsOneValuePerRuleOnceAndLookupsHandThemOut() {
        List<String> compiled = new ArrayList<>();
        CompiledPaths<String> names = resolver.compile(rule -> {
            compiled.add(rule.match());
            return "compiled " + rule.match();
        });

        assertThat(compiled).containsExactlyInAnyOrder("/thumbs/**", "/thumbs/big/**", "/**/*.png", "");
        assertThat(names.resolve("/thumbs/big/a.jpg")).isEqualTo("compiled /thumbs/**");
        assertThat(names.resolve("/gallery/a.png")).isEqualTo("compiled /**/*.png");
        assertThat(names.resolve("/a.jpg")).isEqualTo("compiled ").isSameAs(names.fallback());
        assertThat(compiled).as("lookups compile nothing").hasSize(4);
    }
}
