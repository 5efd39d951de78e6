package org.imageguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.imageguard.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class NotYetImplementedTest {

    @Test
    void defaultsAskForNothingTheEngineCannotDo() {
        assertThat(NotYetImplemented.in(ConfigLoader.load("protection: {}\n", "t.yaml"))).isEmpty();
    }

    @Test
    void everyConfiguredPixelTransformIsNamedWithWhereItWasConfigured() {
        String yaml = """
                optimize: { mode: lossy, max-width: 1200, webp: true }
                paths:
                  - match: /gallery/**
                    watermark: { enabled: true, text: © Jane }
                """;
        assertThat(NotYetImplemented.in(ConfigLoader.load(yaml, "t.yaml")))
                .anyMatch(m -> m.startsWith("optimize.mode: lossy is not implemented"))
                .anyMatch(m -> m.startsWith("optimize.max-width/max-height is not implemented"))
                .anyMatch(m -> m.startsWith("optimize.webp: true is not implemented"))
                .anyMatch(m -> m.startsWith("watermark.enabled: true (paths: /gallery/**) is not implemented"));
    }
}
