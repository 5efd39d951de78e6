package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The commented examples in config/examples are what ops copy: each must load, and print back to itself. */
class ExamplesTest {

    static Stream<Path> examples() throws IOException {
        // Surefire runs in the module folder.
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            return yaml.stream();
        }
    }

    @Test
    void theThreeDocumentedExamplesExist() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString()))
                .contains("minimal.yaml", "photographer.yaml", "site-behind-cdn.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loadsWithoutError(Path example) {
        ImageGuardConfig config = ConfigLoader.load(example);
        assertThat(config.origin().isConfigured()).isTrue();
        assertThat(ConfigLoader.load(ConfigPrinter.print(config), "printed")).isEqualTo(config);
    }

    @Test
    void photographerIsStrict() {
        Policy p = ConfigLoader.load(Path.of("examples/photographer.yaml")).policy();
        assertThat(p.protection().dataMining()).isEqualTo(DataMining.DMI_PROHIBITED);
        assertThat(p.protection().rights().isEmpty()).isFalse();
        assertThat(p.hotlink().enabled()).isTrue();
        assertThat(p.hotlink().allow()).isNotEmpty();
        assertThat(p.aiCrawlers().action()).isEqualTo(CrawlerAction.BLOCK);
    }

    @Test
    void siteBehindCdnLetsSearchEnginesIndex() {
        ImageGuardConfig config = ConfigLoader.load(Path.of("examples/site-behind-cdn.yaml"));
        assertThat(config.origin().upstream()).isPresent();
        assertThat(config.policy().protection().dataMining())
                .isEqualTo(DataMining.DMI_PROHIBITED_EXCEPTSEARCHENGINEINDEXING);
    }
}
