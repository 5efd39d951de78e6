package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearMissTest {

    private static final List<String> KEYS = List.of("data-mining", "other-constraints", "strip", "headers");

    @Test
    void suggestsTheClosestKeyWithinTwoEdits() {
        assertThat(NearMiss.in("data-minig", KEYS)).contains("data-mining");
        assertThat(NearMiss.in("strp", KEYS)).contains("strip");
        assertThat(NearMiss.in("header", KEYS)).contains("headers");
        assertThat(NearMiss.in("Strip", KEYS)).contains("strip");
    }

    @Test
    void suggestsNothingBeyondTwoEdits() {
        assertThat(NearMiss.in("datamine", KEYS)).isEmpty();
        assertThat(NearMiss.in("x".repeat(10_000), KEYS)).isEmpty();
    }

    @Test
    void distanceIsLevenshtein() {
        assertThat(NearMiss.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NearMiss.distance("port", "host")).isEqualTo(2);
        assertThat(NearMiss.distance("", "ab")).isEqualTo(2);
    }
}
