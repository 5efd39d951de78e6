package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigPrinterTest {

    @Test
    void defaultsPrintInTheLanguageOpsWrite() {
        String yaml = ConfigPrinter.print(ImageGuardConfig.DEFAULTS);
        assertThat(yaml).contains(
                "server:\n  host: \"127.0.0.1\"\n  port: 8080\n  admin-host: \"127.0.0.1\"\n  admin-port: 8081\n")
                .contains("  data-mining: DMI-PROHIBITED\n")
                .contains("  min-saving: 5%\n")
                .contains("  max-size: auto\n  fresh-for: 60s\n")
                .contains("  max-image-size: 32MB\n  max-pixels: 50M\n")
                .contains("  exempt-paths: [\"/**/hotlink-ok/**\"]\n")
                .contains("  opacity: 0.35\n")
                .endsWith("paths: []\n");
    }

    @Test
    void defaultsRoundTrip() {
        assertThat(ConfigLoader.load(ConfigPrinter.print(ImageGuardConfig.DEFAULTS), "printed"))
                .isEqualTo(ImageGuardConfig.DEFAULTS);
    }

    @Test
    void pathEntriesListOnlyTheSectionsTheyChange() {
        ImageGuardConfig config = ConfigLoader.load("""
                origin: { upstream: http://127.0.0.1:8000 }
                paths:
                  - match: /thumbs/**
                    optimize: { mode: none }
                """, "p.yaml");
        String yaml = ConfigPrinter.print(config);
        assertThat(yaml).contains("  upstream: \"http://127.0.0.1:8000\"\n")
                .endsWith("paths:\n  - match: \"/thumbs/**\"\n    optimize:\n      mode: none\n      effort: default\n"
                        + "      jpeg-quality: 82\n      min-saving: 5%\n      max-width: 0\n      max-height: 0\n"
                        + "      webp: false\n");
        assertThat(ConfigLoader.load(yaml, "printed")).isEqualTo(config);
    }

    @Test
    void quotesTextSafely() {
        assertThat(ConfigPrinter.quote("a \"b\" \\ c")).isEqualTo("\"a \\\"b\\\" \\\\ c\"");
        assertThat(ConfigPrinter.quote("x\ny")).isEqualTo("\"x\\u000Ay\"");
    }
}
