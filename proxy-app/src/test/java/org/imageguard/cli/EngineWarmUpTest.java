package org.imageguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EngineWarmUpTest {

    @Test
    void protectsBothPackagedSamplesWithoutError() throws Exception {
        // The warm-up swallows failures by design, so this is where a missing or unreadable sample shows.
        assertEquals(2, EngineWarmUp.protectSamples());
    }
}
