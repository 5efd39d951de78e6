package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValuesTest {

    @Test
    void durationsInEveryUnit() {
        assertThat(ConfigValues.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigValues.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ConfigValues.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigValues.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void durationsPrintInTheirExactShortestForm() {
        assertThat(ConfigValues.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ConfigValues.formatDuration(Duration.ofSeconds(60))).isEqualTo("60s");
        assertThat(ConfigValues.formatDuration(Duration.ofMinutes(5))).isEqualTo("300s");
        assertThat(ConfigValues.formatDuration(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(ConfigValues.formatDuration(Duration.ZERO)).isEqualTo("0s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10 s", "1.5s", "-1s", "10S", "s", "1d", ""})
    void malformedDurationsAreRejected(String text) {
        assertThatThrownBy(() -> ConfigValues.parseDuration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a duration like 500ms, 10s, 5m or 1h, found '" + text + "'");
    }

    @Test
    void sizesAreBinaryAndCaseInsensitive() {
        assertThat(ConfigValues.parseSize("512KB")).isEqualTo(DataSize.ofKilobytes(512));
        assertThat(ConfigValues.parseSize("256MB")).isEqualTo(DataSize.ofMegabytes(256));
        assertThat(ConfigValues.parseSize("1gb")).isEqualTo(DataSize.ofMegabytes(1024));
        assertThat(ConfigValues.parseSize("1000")).isEqualTo(DataSize.ofBytes(1000));
        assertThat(ConfigValues.parseSize("7B")).isEqualTo(DataSize.ofBytes(7));
        // Without the B, like max-pixels: 50M; still binary.
        assertThat(ConfigValues.parseSize("32M")).isEqualTo(DataSize.ofMegabytes(32));
        assertThat(ConfigValues.parseSize("512k")).isEqualTo(DataSize.ofKilobytes(512));
        assertThat(DataSize.ofMegabytes(256)).hasToString("256MB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256 MB", "1.5MB", "-1", "MB", "12MiB", "99999999999999999999"})
    void malformedSizesAreRejected(String text) {
        assertThatThrownBy(() -> ConfigValues.parseSize(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a size like 512KB, 256MB, 1GB or a number of bytes, found '" + text + "'");
    }

    @Test
    void sizeBeyondALongIsRejected() {
        assertThatThrownBy(() -> ConfigValues.parseSize("9999999999TB")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size '9999999999TB' is too large");
    }

    @Test
    void pixelCountsTakeDecimalMultipliers() {
        assertThat(ConfigValues.parsePixels("50M")).isEqualTo(50_000_000L);
        assertThat(ConfigValues.parsePixels("12.5M")).isEqualTo(12_500_000L);
        assertThat(ConfigValues.parsePixels("800K")).isEqualTo(800_000L);
        assertThat(ConfigValues.parsePixels("1000000")).isEqualTo(1_000_000L);
        assertThat(ConfigValues.formatPixels(50_000_000L)).isEqualTo("50M");
        assertThat(ConfigValues.formatPixels(12_500_000L)).isEqualTo("12500K");
        assertThat(ConfigValues.formatPixels(1234L)).isEqualTo("1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"50m", "50 M", "M", "1e6", "-5M"})
    void malformedPixelCountsAreRejected(String text) {
        assertThatThrownBy(() -> ConfigValues.parsePixels(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a pixel count like 50M, 800K or 1000000, found '" + text + "'");
    }

    @Test
    void percentagesNeedTheSign() {
        assertThat(ConfigValues.parsePercent("5%")).isEqualTo(5.0);
        assertThat(ConfigValues.parsePercent("0.5%")).isEqualTo(0.5);
        assertThat(ConfigValues.formatPercent(5.0)).isEqualTo("5%");
        assertThat(ConfigValues.formatPercent(2.5)).isEqualTo("2.5%");
        assertThatThrownBy(() -> ConfigValues.parsePercent("5")).hasMessage("expected a percentage like 5%, found '5'");
    }

    @Test
    void httpUrlsMustBeAbsolute() {
        assertThat(ConfigValues.parseHttpUrl("https://example.com/a").getHost()).isEqualTo("example.com");
        assertThatThrownBy(() -> ConfigValues.parseHttpUrl("http:/nohost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigValues.parseHttpUrl("mailto:a@b.c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigValues.parseHttpUrl("http://exa mple.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longValuesAreCutInMessages() {
        String value = "x".repeat(200);
        assertThatThrownBy(() -> ConfigValues.parseDuration(value))
                .hasMessage("expected a duration like 500ms, 10s, 5m or 1h, found '" + "x".repeat(80) + "...'");
    }
}
