package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

    @ParameterizedTest(name = "{0} ~ {1}{2} = {3}")
    @CsvSource({
        "example.com, example.com, /, true",
        "example.com, www.example.com, /, false",
        "Example.COM, example.com, /, true",
        "*.example.com, cdn.example.com, /, true",
        "*.example.com, a.b.example.com, /, true",
        "*.example.com, example.com, /, false",
        "*.example.com, badexample.com, /, false",
        "example.*, example.org, /, true",
        "example.*, example.co.uk, /, true",
        "example.*, example, /, false",
        "example.*, notexample.org, /, false",
        "example.com/gallery/, example.com, /gallery/a.html, true",
        "example.com/gallery/, example.com, /blog/, false",
        "example.com/gallery/, example.com, /gallery/../private/, false",
        ".example.com, example.com, /, true",
        ".example.com, cdn.example.com, /, true",
        "example.*, example.com.evil.test, /, false",
        ".google.*, images.google.co.uk, /, true",
        "bücher.example, xn--bcher-kva.example, /, true",
        "~^regex\\.test/, regex.test, /a, true",
        "~^regex\\.test/, regex.test.evil.test, /a, false",
    })
    void matches(String pattern, String host, String path, boolean expected) {
        assertThat(HostPattern.parse(pattern).matches(host, path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ex*ample.com", "*example.com", "*.*", "*.example.*", "exa mple.com", "example..com",
        "*", "example.com/*.html"})
    void patternsNginxWouldRefuseAreRejected(String pattern) {
        assertThatThrownBy(() -> HostPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + pattern + "' is not a host pattern nginx accepts: a '*' may only start "
                        + "('*.example.com') or end ('example.*') the host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "blocked", "server_names"})
    void nginxKeywordsPointToTheSettingsThatReplaceThem(String keyword) {
        assertThatThrownBy(() -> HostPattern.parse(keyword)).hasMessageContaining("nginx keyword")
                .hasMessageContaining("allow-empty-referer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com:8080", "%65xample.com", "*.", "/galleries/"})
    void thingsThatAreNoHostAreRejected(String pattern) {
        assertThatThrownBy(() -> HostPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + pattern + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void emptyPatternIsRejected(String pattern) {
        assertThatThrownBy(() -> HostPattern.parse(pattern))
                .hasMessage("expected a host pattern like example.com or *.example.com, found ''");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "http://example.com/"})
    void schemeIsRejectedWithAHint(String pattern) {
        assertThatThrownBy(() -> HostPattern.parse(pattern))
                .hasMessage("write the host without a scheme (example.com, not https://example.com), found '"
                        + pattern + "'");
    }
}
