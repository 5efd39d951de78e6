package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void emptyFileGivesTheDefaults() {
        assertThat(ConfigLoader.load("", "empty.yaml")).isEqualTo(ImageGuardConfig.DEFAULTS);
        assertThat(ConfigLoader.load("# only a comment\n", "c.yaml")).isEqualTo(ImageGuardConfig.DEFAULTS);
    }

    @Test
    void emptySectionsGiveTheDefaults() {
        assertThat(ConfigLoader.load("server:\nprotection:\n  rights:\n", "e.yaml"))
                .isEqualTo(ImageGuardConfig.DEFAULTS);
    }

    @Test
    void theSpecExampleSpellsOutTheDefaults() {
        ImageGuardConfig config = ConfigLoader.loadResource("classpath:reference-example.yaml");
        Policy thumbs = new Policy(Policy.DEFAULTS.protection(),
                new OptimizeSettings(OptimizeMode.NONE, OptimizeEffort.DEFAULT, 82, 5, 0, 0, false), Policy.DEFAULTS.watermark(),
                Policy.DEFAULTS.hotlink(), Policy.DEFAULTS.aiCrawlers(), Policy.DEFAULTS.limits());
        assertThat(config).isEqualTo(new ImageGuardConfig(ServerSettings.DEFAULTS,
                new OriginSettings(Optional.of(URI.create("http://127.0.0.1:8000")), Optional.empty(),
                        Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new CacheSettings(DataSize.ofMegabytes(256), Duration.ofSeconds(60)), Policy.DEFAULTS,
                List.of(new ImageGuardConfig.PathRule("/thumbs/**", thumbs))));
    }

    @Test
    void everyKeyIsBound() {
        ImageGuardConfig config = ConfigLoader.load("""
                server: { host: 0.0.0.0, port: 80, admin-port: 0 }
                origin: { root: /srv/www, connect-timeout: 500ms, timeout: 1h }
                protection:
                  data-mining: dmi-prohibited-aimltraining
                  other-constraints: See https://example.com/tdm
                  rights:
                    copyright: © Jane
                    creator: Jane
                    credit: Jane Photo
                    web-statement: https://example.com/terms
                    usage-terms: No AI
                    licensor-name: Jane Photo Ltd
                    licensor-url: https://example.com/licence
                  existing-xmp: replace
                  strip: all
                  headers:
                    x-robots-tag: ""
                    tdm-reservation: false
                    tdm-policy: https://example.com/policy.json
                    content-usage: ""
                    no-transform: false
                optimize: { mode: lossy, jpeg-quality: 70, min-saving: 2.5%, max-width: 2000, max-height: 1500, webp: true }
                watermark: { enabled: true, text: © Jane, position: center, opacity: 0.5, min-width: 100 }
                hotlink:
                  enabled: true
                  allow: [example.com, "*.example.com", example.*]
                  allow-empty-referer: false
                  allow-search-engines: false
                  exempt-paths: [/public/**]
                  action: redirect
                  redirect-to: /hotlink.html
                  cross-origin-resource-policy: true
                ai-crawlers:
                  action: label
                  extra-user-agents: [FooBot]
                  allow-user-agents: [GPTBot]
                  robots-txt: replace
                  tdmrep-json: false
                cache: { max-size: 1GB, fresh-for: 5m }
                limits: { max-image-size: 512KB, max-pixels: 12.5M, transform-concurrency: 4, on-error: reject,
                          on-busy: pass, on-unsupported: reject }
                """, "all.yaml");
        assertThat(config.server()).isEqualTo(new ServerSettings("0.0.0.0", 80, 0));
        assertThat(config.origin()).isEqualTo(new OriginSettings(Optional.empty(), Optional.of(Path.of("/srv/www")),
                Duration.ofMillis(500), Duration.ofHours(1)));
        Policy p = config.policy();
        assertThat(p.protection()).isEqualTo(new ProtectionSettings(DataMining.DMI_PROHIBITED_AIMLTRAINING,
                "See https://example.com/tdm",
                new Rights("© Jane", "Jane", "Jane Photo", "https://example.com/terms", "No AI", "Jane Photo Ltd",
                        "https://example.com/licence"),
                ExistingXmp.REPLACE, StripMode.ALL,
                new HeaderSettings("", false, "https://example.com/policy.json", "", false)));
        assertThat(p.optimize()).isEqualTo(new OptimizeSettings(OptimizeMode.LOSSY, OptimizeEffort.DEFAULT, 70, 2.5, 2000, 1500, true));
        assertThat(p.watermark()).isEqualTo(new WatermarkSettings(true, "© Jane", WatermarkPosition.CENTER, 0.5, 100));
        assertThat(p.hotlink()).isEqualTo(new HotlinkSettings(true, List.of("example.com", "*.example.com",
                "example.*"), false, false, List.of("/public/**"), HotlinkAction.REDIRECT, "/hotlink.html", true));
        assertThat(p.aiCrawlers()).isEqualTo(new AiCrawlerSettings(CrawlerAction.LABEL, List.of("FooBot"),
                List.of("GPTBot"), RobotsTxtMode.REPLACE, false));
        assertThat(config.cache()).isEqualTo(new CacheSettings(DataSize.ofMegabytes(1024), Duration.ofMinutes(5)));
        assertThat(p.limits()).isEqualTo(
                new LimitSettings(DataSize.ofKilobytes(512), 12_500_000, 4, OnError.REJECT, OnBusy.PASS,
                        OnUnsupported.REJECT));
    }

    @Test
    void theCacheIsSizedFromTheHeapByDefaultOrByAnExplicitSize() {
        assertThat(ConfigLoader.load("", "d.yaml").cache().maxSize()).as("auto").isEmpty();
        assertThat(ConfigLoader.load("cache: { max-size: auto }", "a.yaml").cache().maxBytes(256L << 20))
                .isEqualTo(64L << 20);
        assertThat(ConfigLoader.load("cache: { max-size: 48MB }", "e.yaml").cache().maxBytes(256L << 20))
                .isEqualTo(48L << 20);
    }

    @Test
    void onBusyWaitsByDefault() {
        assertThat(ConfigLoader.load("", "d.yaml").policy().limits().onBusy()).isEqualTo(OnBusy.WAIT);
        assertThat(ConfigLoader.load("limits: { on-busy: reject }", "r.yaml").policy().limits().onBusy())
                .isEqualTo(OnBusy.REJECT);
        assertThatThrownBy(() -> ConfigLoader.load("limits:\n  on-busy: later\n", "b.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("b.yaml:2:12: limits.on-busy: ");
    }

    @Test
    void aYamlTypeTagCannotInstantiateAClass() {
        assertThatThrownBy(() -> ConfigLoader.load(
                "server:\n  host: !!javax.script.ScriptEngineManager [x]\n", "evil.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("evil.yaml:2:9: invalid YAML: Global tag is not allowed: "
                        + "tag:yaml.org,2002:javax.script.ScriptEngineManager");
    }

    @Test
    void loadsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, "server:\n  port: 8081\n");
        assertThat(ConfigLoader.load(file).server().port()).isEqualTo(8081);
        Files.writeString(file, "server:\n  port: eighty\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2:9: server.port: expected a whole number from 0 to 65535, found 'eighty'");
    }

    @Test
    void missingFileIsAConfigException(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": cannot read the configuration: no such file");
        assertThatThrownBy(() -> ConfigLoader.loadResource("classpath:nope.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("classpath:nope.yaml: cannot read the configuration: no such resource on the class path");
    }

    @Test
    void fileThatIsNotUtf8IsAConfigException(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": the configuration is not UTF-8 text");
    }

    @Test
    void loadResourceTakesAPlainPathToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.yaml");
        Files.writeString(file, "optimize: { mode: none }\n");
        assertThat(ConfigLoader.loadResource(file.toString()).policy().optimize().mode()).isEqualTo(OptimizeMode.NONE);
    }

    @Test
    void pathOverridesAreDeepMergedOntoTheTopLevel() {
        ImageGuardConfig config = ConfigLoader.load("""
                protection:
                  data-mining: DMI-PROHIBITED-GENAIMLTRAINING
                  rights: { copyright: © Top, creator: Top }
                optimize: { mode: lossy, jpeg-quality: 60 }
                paths:
                  - match: /press/**
                    protection:
                      rights: { creator: Press }
                    optimize: { jpeg-quality: 90 }
                """, "m.yaml");
        Policy press = config.paths().get(0).policy();
        assertThat(press.protection().dataMining()).isEqualTo(DataMining.DMI_PROHIBITED_GENAIMLTRAINING);
        assertThat(press.protection().rights().copyright()).isEqualTo("© Top");
        assertThat(press.protection().rights().creator()).isEqualTo("Press");
        assertThat(press.optimize().mode()).isEqualTo(OptimizeMode.LOSSY);
        assertThat(press.optimize().jpegQuality()).isEqualTo(90);
        assertThat(config.policy().optimize().jpegQuality()).isEqualTo(60);
    }

    @Test
    void jpegQualityAutoIsReadPrintedAndFingerprintedApartFromNumbers() {
        ImageGuardConfig config = ConfigLoader.load("optimize: { mode: lossy, jpeg-quality: auto }\n", "q.yaml");
        assertThat(config.policy().optimize().autoQuality()).isTrue();
        assertThat(ConfigPrinter.print(config)).contains("jpeg-quality: auto\n");
        Policy numbered = ConfigLoader.load("optimize: { mode: lossy, jpeg-quality: 82 }\n", "q.yaml").policy();
        assertThat(PolicyFingerprint.of(config.policy())).isNotEqualTo(PolicyFingerprint.of(numbered));
    }

    @Test
    void anOverrideReplacesListsWhole() {
        ImageGuardConfig config = ConfigLoader.load("""
                hotlink: { allow: [a.example, b.example] }
                paths:
                  - match: /x/**
                    hotlink: { allow: [c.example] }
                """, "l.yaml");
        assertThat(config.paths().get(0).policy().hotlink().allow()).containsExactly("c.example");
    }

    @Test
    void anchorsAreFollowed() {
        ImageGuardConfig config = ConfigLoader.load("""
                optimize: &fast { mode: none }
                paths:
                  - match: /a/**
                    optimize: *fast
                """, "a.yaml");
        assertThat(config.paths().get(0).policy().optimize().mode()).isEqualTo(OptimizeMode.NONE);
    }

    @Test
    void originIsOptionalHere() {
        assertThat(ImageGuardConfig.DEFAULTS.origin().isConfigured()).isFalse();
        assertThat(ConfigLoader.load("origin: { upstream: https://example.com }", "o.yaml").origin().isConfigured())
                .isTrue();
    }
}
