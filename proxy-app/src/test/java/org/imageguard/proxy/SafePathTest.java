package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy's own traversal guard, independent of what Jetty already refuses before it. */
class SafePathTest {

    @Test
    void decodesTheSegmentsOfAnOrdinaryPath() {
        assertThat(SafePath.segments("/images/a%20b.jpg")).contains(List.of("images", "a b.jpg"));
        assertThat(SafePath.segments("//images///caf%C3%A9.png")).contains(List.of("images", "café.png"));
        assertThat(SafePath.segments("/.well-known/tdmrep.json")).contains(List.of(".well-known", "tdmrep.json"));
        assertThat(SafePath.segments("/")).contains(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../etc/passwd", "/a/../../b", "/./a", "/%2e%2e/a", "/%2E%2e/a", "/.%2e/a", "/%2e/a",
        "/..%2fa", "/a%2F..%2Fb", "/a\\..\\b", "/a%5c..%5cb", "/a%00.jpg", "/a\u0000b", "/a%0d%0ab", "/.env",
        "/.git/config", "/a%", "/a%2", "/a%zz", "/a%c0%ae%c0%ae", "/a%ff", "/C:/windows", "relative/path", ""})
    void refusesEveryTraversalTrick(String raw) {
        assertThat(SafePath.segments(raw)).isEmpty();
    }
}
