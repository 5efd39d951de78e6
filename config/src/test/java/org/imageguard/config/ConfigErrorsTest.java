package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rejected configuration names the file, line, column, dotted key and offending value. */
class ConfigErrorsTest {

    /** The errors of {@code yaml} as {@code FILE:LINE:COLUMN: message} lines. */
    static List<String> errorsOf(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, "t.yaml"));
        assertThat(e).as("expected a ConfigException for:%n%s", yaml).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void unknownKeyNearMissSuggestsTheKey() {
        assertThat(errorsOf("protection:\n  data-minig: DMI-PROHIBITED\n")).containsExactly(
                "t.yaml:2:3: protection.data-minig: unknown key; did you mean 'data-mining'?");
    }

    @Test
    void unknownKeyFarFromAnyListsTheValidKeys() {
        assertThat(errorsOf("server:\n  colour: red\n")).containsExactly(
                "t.yaml:2:3: server.colour: unknown key; valid keys: host, port, admin-host, admin-port");
    }

    @Test
    void unknownTopLevelSectionIsAnError() {
        assertThat(errorsOf("optimise:\n  mode: none\n")).containsExactly(
                "t.yaml:1:1: optimise: unknown key; did you mean 'optimize'?");
    }

    @Test
    void duplicateKeyNamesTheFirstOccurrence() {
        assertThat(errorsOf("server:\n  port: 1\n  port: 2\n")).containsExactly(
                "t.yaml:3:3: server.port: duplicate key (first at line 2)");
    }

    @Test
    void wrongBooleanQuotesTheValue() {
        assertThat(errorsOf("hotlink:\n  enabled: yes please\n")).containsExactly(
                "t.yaml:2:12: hotlink.enabled: expected a boolean (true or false), found 'yes please'");
    }

    @Test
    void sectionThatIsNotAMappingIsAnError() {
        assertThat(errorsOf("optimize: fast\n")).containsExactly(
                "t.yaml:1:11: optimize: expected a mapping of keys, found 'fast'");
    }

    @Test
    void listWhereAValueIsExpectedIsAnError() {
        assertThat(errorsOf("server:\n  port: [1, 2]\n")).containsExactly(
                "t.yaml:2:9: server.port: expected a single value, found a list");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cache:\\n  fresh-for: 10 sec | t.yaml:2:14: cache.fresh-for: expected a duration like 500ms, 10s, 5m or 1h, found '10 sec'",
        "origin:\\n  timeout: 0s | t.yaml:2:12: origin.timeout: expected a duration above zero like 5s, found '0s'",
        "cache:\\n  max-size: 256 MiB | t.yaml:2:13: cache.max-size: expected auto or a size like 64MB, found '256 MiB'",
        "optimize:\\n  min-saving: 5 | t.yaml:2:15: optimize.min-saving: expected a percentage like 5%, found '5'",
        "optimize:\\n  min-saving: 150% | t.yaml:2:15: optimize.min-saving: expected a percentage between 0% and 100%, found '150%'",
        "limits:\\n  max-pixels: 50 million | t.yaml:2:15: limits.max-pixels: expected a pixel count like 50M, 800K or 1000000, found '50 million'",
        "limits:\\n  max-pixels: 1.5 | t.yaml:2:15: limits.max-pixels: pixel count '1.5' is not a whole number of pixels",
        "limits:\\n  max-pixels: 0 | t.yaml:2:15: limits.max-pixels: expected a positive pixel count like 50M, found '0'",
        "watermark:\\n  opacity: 1.5 | t.yaml:2:12: watermark.opacity: expected a number from 0 to 1, found '1.5'",
        "watermark:\\n  opacity: -0.1 | t.yaml:2:12: watermark.opacity: expected a number from 0 to 1, found '-0.1'",
        "optimize:\\n  jpeg-quality: 0 | t.yaml:2:17: optimize.jpeg-quality: expected a whole number from 1 to 100, or auto, found '0'",
        "optimize:\\n  jpeg-quality: 101 | t.yaml:2:17: optimize.jpeg-quality: expected a whole number from 1 to 100, or auto, found '101'",
        "server:\\n  port: 70000 | t.yaml:2:9: server.port: expected a whole number from 0 to 65535, found '70000'",
        "server:\\n  admin-port: -1 | t.yaml:2:15: server.admin-port: expected a whole number from 0 to 65535, found '-1'",
        "watermark:\\n  position: middle | t.yaml:2:13: watermark.position: 'middle' is not one of top-left, top-right, bottom-left, bottom-right, center, tiled",
        "protection:\\n  strip: gps | t.yaml:2:10: protection.strip: 'gps' is not one of none, privacy, all",
        "hotlink:\\n  action: redirect | t.yaml:2:11: hotlink.action: action redirect needs hotlink.redirect-to",
        "hotlink:\\n  action: redirect\\n  redirect-to: elsewhere | t.yaml:3:16: hotlink.redirect-to: expected an absolute http(s) URL like https://example.com/terms, found 'elsewhere'",
        "watermark:\\n  enabled: true | t.yaml:2:12: watermark.enabled: an enabled watermark needs watermark.text or watermark.logo",
        "ai-crawlers:\\n  extra-user-agents: [\"\"] | t.yaml:2:23: ai-crawlers.extra-user-agents[0]: expected a User-Agent token, found ''",
        "hotlink:\\n  exempt-paths: [hotlink-ok/**] | t.yaml:2:18: hotlink.exempt-paths[0]: expected a path glob starting with '/', found 'hotlink-ok/**'",
        "hotlink:\\n  allow: example.com | t.yaml:2:10: hotlink.allow: expected a list like [a, b], found 'example.com'",
        "paths: /thumbs/** | t.yaml:1:8: paths: expected a list of entries like '- match: /thumbs/**', found '/thumbs/**'",
    })
    void malformedValueIsReportedAtTheValue(String yaml, String expected) {
        assertThat(errorsOf(yaml.replace("\\n", "\n"))).containsExactly(expected);
    }

    @Test
    void dataMiningCodeOutsideTheVocabularyListsTheValidCodes() {
        assertThat(errorsOf("protection:\n  data-mining: DMI-FORBIDDEN\n")).containsExactly(
                "t.yaml:2:16: protection.data-mining: 'DMI-FORBIDDEN' is not a DataMining code; valid codes: "
                        + "DMI-UNSPECIFIED, DMI-ALLOWED, DMI-PROHIBITED-AIMLTRAINING, DMI-PROHIBITED-GENAIMLTRAINING, "
                        + "DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING, DMI-PROHIBITED, DMI-PROHIBITED-SEECONSTRAINT, "
                        + "DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR, DMI-PROHIBITED-SEELINKEDRIGHTSEXPR");
    }

    @Test
    void seeConstraintNeedsOtherConstraints() {
        assertThat(errorsOf("protection:\n  data-mining: DMI-PROHIBITED-SEECONSTRAINT\n")).containsExactly(
                "t.yaml:2:16: protection.data-mining: DMI-PROHIBITED-SEECONSTRAINT needs "
                        + "protection.other-constraints to say what the constraint is");
    }

    @Test
    void seeConstraintWithOtherConstraintsIsAccepted() {
        ImageGuardConfig config = ConfigLoader.load("protection:\n  data-mining: DMI-PROHIBITED-SEECONSTRAINT\n"
                + "  other-constraints: Licence required\n", "t.yaml");
        assertThat(config.policy().protection().otherConstraints()).isEqualTo("Licence required");
    }

    @Test
    void upstreamAndRootTogetherAreAContradiction() {
        assertThat(errorsOf("origin:\n  upstream: http://127.0.0.1:8000\n  root: /srv/www\n")).containsExactly(
                "t.yaml:3:9: origin.root: origin takes upstream or root, not both; remove one");
    }

    @Test
    void upstreamMustBeAnAbsoluteHttpUrl() {
        assertThat(errorsOf("origin:\n  upstream: localhost:8000\n")).containsExactly(
                "t.yaml:2:13: origin.upstream: expected an absolute http(s) URL like https://example.com/terms, "
                        + "found 'localhost:8000'");
    }

    @Test
    void rightsAndPolicyUrlsMustBeAbsolute() {
        assertThat(errorsOf("""
                protection:
                  rights:
                    web-statement: /terms
                    licensor-url: ftp://example.com/
                  headers:
                    tdm-policy: tdm.json
                """)).containsExactly(
                "t.yaml:3:20: protection.rights.web-statement: expected an absolute http(s) URL like "
                        + "https://example.com/terms, found '/terms'",
                "t.yaml:4:19: protection.rights.licensor-url: expected an absolute http(s) URL like "
                        + "https://example.com/terms, found 'ftp://example.com/'",
                "t.yaml:6:17: protection.headers.tdm-policy: expected an absolute http(s) URL like "
                        + "https://example.com/terms, found 'tdm.json'");
    }

    @Test
    void hotlinkHostPatternsNginxWouldRefuseAreErrors() {
        assertThat(errorsOf("hotlink:\n  allow: [example.com, \"ex*ample.com\", \"\"]\n")).containsExactly(
                "t.yaml:2:24: hotlink.allow[1]: 'ex*ample.com' is not a host pattern nginx accepts: a '*' may only "
                        + "start ('*.example.com') or end ('example.*') the host",
                "t.yaml:2:40: hotlink.allow[2]: expected a host pattern like example.com or *.example.com, found ''");
    }

    @Test
    void controlCharactersInTextAreErrors() {
        assertThat(errorsOf("protection:\n  rights:\n    creator: \"Jane\\tExample\"\n")).containsExactly(
                "t.yaml:3:14: protection.rights.creator: control character U+0009 is not allowed in "
                        + "'Jane\\u0009Example'");
        assertThat(errorsOf("protection:\n  headers:\n    x-robots-tag: \"noai\\x7F\"\n")).containsExactly(
                "t.yaml:3:19: protection.headers.x-robots-tag: control character U+007F is not allowed in "
                        + "'noai\\u007F'");
    }

    @Test
    void everyErrorOfTheFileIsReportedInFileOrder() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(
                "server:\n  port: x\noptimize:\n  mode: fast\n", "t.yaml"));
        assertThat(e.getMessage()).isEqualTo(
                "t.yaml:2:9: server.port: expected a whole number from 0 to 65535, found 'x'\n"
                        + "t.yaml:4:9: optimize.mode: 'fast' is not one of none, lossless, lossy");
    }

    @Test
    void invalidYamlIsReportedWithItsPosition() {
        List<String> errors = errorsOf("server:\n  port: [1, 2\n");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("t.yaml:3:1: invalid YAML: ");
    }

    @Test
    void aDocumentThatIsNotAMappingIsAnError() {
        assertThat(errorsOf("- a\n- b\n")).containsExactly("t.yaml:1:1: expected a mapping of keys, found a list");
    }

    @Test
    void unknownSectionUnderAPathEntryIsAnError() {
        assertThat(errorsOf("paths:\n  - match: /a/**\n    server: { port: 1 }\n")).containsExactly(
                "t.yaml:3:5: paths[0].server: unknown key; valid keys: match, protection, optimize, watermark, "
                        + "hotlink, ai-crawlers, limits");
    }

    @Test
    void misspeltSectionUnderAPathEntrySuggestsTheSection() {
        assertThat(errorsOf("paths:\n  - match: /a/**\n    optimise: { mode: none }\n")).containsExactly(
                "t.yaml:3:5: paths[0].optimise: unknown key; did you mean 'optimize'?");
    }

    @Test
    void errorInsideAnOverrideCarriesTheOverridesPosition() {
        assertThat(errorsOf("paths:\n  - match: /a/**\n    optimize:\n      jpeg-quality: 500\n")).containsExactly(
                "t.yaml:4:21: optimize.jpeg-quality: expected a whole number from 1 to 100, or auto, found '500'");
    }

    @Test
    void pathEntryWithoutMatchIsAnError() {
        assertThat(errorsOf("paths:\n  - optimize: { mode: none }\n")).containsExactly(
                "t.yaml:2:5: paths[0]: missing key 'match' (a glob like /thumbs/**)");
    }

    @Test
    void pathGlobMustStartWithASlash() {
        assertThat(errorsOf("paths:\n  - match: thumbs/**\n")).containsExactly(
                "t.yaml:2:12: paths[0].match: expected a path glob starting with '/', found 'thumbs/**'");
    }

    @Test
    void topLevelErrorIsReportedOnceEvenWithPathEntries() {
        assertThat(errorsOf("optimize:\n  mode: fast\npaths:\n  - match: /a/**\n  - match: /b/**\n"))
                .containsExactly("t.yaml:2:9: optimize.mode: 'fast' is not one of none, lossless, lossy");
    }

    @Test
    void aKeyBelowASectionWithNothingUnderItIsNamedAsAnIndentationMistake() {
        assertThat(errorsOf("hotlink:\nenabled: true\n")).containsExactly(
                "t.yaml:2:1: enabled: unknown key; check the indentation: 'hotlink:' above has nothing under it and"
                        + " 'enabled' is one of its keys; indent 'enabled' under it");
        assertThat(errorsOf("protection:\n  rights:\n  creator: Ada\n")).containsExactly(
                "t.yaml:3:3: protection.creator: unknown key; check the indentation: 'rights:' above has nothing"
                        + " under it and 'creator' is one of its keys; indent 'creator' under it");
    }

    @Test
    void listItemsWrittenWithoutDashesAreNamedAsAnIndentationMistake() {
        assertThat(errorsOf("hotlink:\n  allow:\n    example.com\n")).containsExactly(
                "t.yaml:3:5: hotlink.allow: expected a list like [a, b], found 'example.com'; check the"
                        + " indentation: each item goes on its own line as '- item' under the key, or write [a, b]"
                        + " on the key's line");
    }

    @Test
    void aKeyIndentedDeeperThanItsNeighbourGetsAnIndentationHint() {
        assertThat(errorsOf("server:\n  port: 80\n    admin-port: 9\n")).singleElement().asString()
                .startsWith("t.yaml:3:15: invalid YAML: mapping values are not allowed here")
                .endsWith("(check the indentation: a key indented deeper than the key above it, or a value"
                        + " containing ': ' that needs quotes)");
    }
}
