package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IMAGEGUARD_* variables: named after the key path, over the file, validated like it, errors naming the variable. */
class EnvironmentOverlayTest {

    private static List<String> errorsOf(String yaml, Map<String, String> environment) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(yaml, "t.yaml", environment));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void variableNameIsThePrefixAndTheKeyPathWithUnderscores() {
        assertThat(EnvironmentOverlay.variableOf("origin.upstream")).isEqualTo("IMAGEGUARD_ORIGIN_UPSTREAM");
        assertThat(EnvironmentOverlay.variableOf("server.admin-host")).isEqualTo("IMAGEGUARD_SERVER_ADMIN_HOST");
    }

    @Test
    void variablesOverrideTheFileAndLeaveItsOtherKeys() {
        ImageGuardConfig config = ConfigLoader.load("server:\n  port: 81\n  host: 10.0.0.1\n", "t.yaml",
                Map.of("IMAGEGUARD_SERVER_PORT", "82", "IMAGEGUARD_SERVER_ADMIN_HOST", "0.0.0.0"));
        assertThat(config.server()).isEqualTo(new ServerSettings("10.0.0.1", 82, 8081, "0.0.0.0"));
    }

    @Test
    void withoutAFileVariablesApplyToTheDefaults() {
        ImageGuardConfig config = ConfigLoader.fromEnvironment(Map.of("IMAGEGUARD_ORIGIN_UPSTREAM",
                "http://origin:8000", "IMAGEGUARD_PROTECTION_RIGHTS_CREATOR", "Ada Lovelace"));
        assertThat(config.origin().upstream()).contains(URI.create("http://origin:8000"));
        assertThat(config.policy().protection().rights().creator()).isEqualTo("Ada Lovelace");
        assertThat(config.server()).isEqualTo(ServerSettings.DEFAULTS);
    }

    @Test
    void anOriginFromTheEnvironmentReplacesTheFilesOtherKind() {
        ImageGuardConfig config = ConfigLoader.load("origin:\n  root: /srv/site\n  timeout: 7s\n", "t.yaml",
                Map.of("IMAGEGUARD_ORIGIN_UPSTREAM", "http://origin"));
        assertThat(config.origin().upstream()).contains(URI.create("http://origin"));
        assertThat(config.origin().root()).isEmpty();
        assertThat(config.origin().timeout()).hasSeconds(7);

        ImageGuardConfig back = ConfigLoader.load("origin:\n  upstream: http://origin\n", "t.yaml",
                Map.of("IMAGEGUARD_ORIGIN_ROOT", "/srv/site"));
        assertThat(back.origin().root()).contains(Path.of("/srv/site"));
        assertThat(back.origin().upstream()).isEmpty();
    }

    @Test
    void bothOriginsFromTheEnvironmentAreTheUsualErrorNamingTheVariable() {
        assertThat(errorsOf("", Map.of("IMAGEGUARD_ORIGIN_UPSTREAM", "http://origin",
                "IMAGEGUARD_ORIGIN_ROOT", "/srv/site")))
                .containsExactly("IMAGEGUARD_ORIGIN_ROOT: origin.root: origin takes upstream or root, not both; "
                        + "remove one");
    }

    @Test
    void badValueGetsTheFilesMessageWithTheVariableInsteadOfAPosition() {
        assertThat(errorsOf("server:\n  port: 70000\n", Map.of("IMAGEGUARD_HOTLINK_ENABLED", "yes please")))
                .containsExactly(
                        "IMAGEGUARD_HOTLINK_ENABLED: hotlink.enabled: expected a boolean (true or false), found "
                                + "'yes please'",
                        "t.yaml:2:9: server.port: expected a whole number from 0 to 65535, found '70000'");
    }

    @Test
    void listsAreWrittenInFlowStyleAndTheirElementsAreChecked() {
        ImageGuardConfig config = ConfigLoader.fromEnvironment(
                Map.of("IMAGEGUARD_HOTLINK_ALLOW", "[example.com, '*.example.com']"));
        assertThat(config.policy().hotlink().allow())
                .containsExactly("example.com", "*.example.com");
        assertThat(errorsOf("", Map.of("IMAGEGUARD_HOTLINK_ALLOW", "[a, [b]]")))
                .containsExactly("IMAGEGUARD_HOTLINK_ALLOW: hotlink.allow[1]: expected a single "
                        + "value, found a list");
    }

    @Test
    void misspeltSettingVariableIsAnErrorWithTheNearestName() {
        assertThat(errorsOf("", Map.of("IMAGEGUARD_ORIGIN_UPSTREM", "http://origin")))
                .containsExactly(
                        "IMAGEGUARD_ORIGIN_UPSTREM: no such setting; did you mean IMAGEGUARD_ORIGIN_UPSTREAM?");
    }

    @Test
    void variablesThatAreNotConfigurationAndEmptyOnesAreIgnored() {
        ImageGuardConfig config = ConfigLoader.load("", "t.yaml", Map.of("IMAGEGUARD_EXIFTOOL", "/usr/bin/exiftool",
                "IMAGEGUARD_SERVER_PORT", "", "PATH", "/usr/bin"));
        assertThat(config).isEqualTo(ImageGuardConfig.DEFAULTS);
    }

    @Test
    void everyPrintedTopLevelKeyHasAVariable() {
        ImageGuardConfig config = ConfigLoader.fromEnvironment(Map.of("IMAGEGUARD_LIMITS_MAX_PIXELS", "12M",
                "IMAGEGUARD_CACHE_FRESH_FOR", "5m", "IMAGEGUARD_AI_CRAWLERS_ACTION", "allow"));
        assertThat(config.policy().limits().maxPixels()).isEqualTo(12_000_000L);
        assertThat(config.cache().freshFor()).hasMinutes(5);
        assertThat(config.policy().aiCrawlers().action().yamlName()).isEqualTo("allow");
    }
}
