package org.imageguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.imageguard.config.CompiledPaths;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.PathResolver;
import org.imageguard.http.AccessPolicy;
import org.imageguard.http.BypassReason;
import org.imageguard.http.Denial;
import org.imageguard.http.RequestFacts;
import org.imageguard.policy.crawlers.CrawlerDecision.Verdict;
import org.junit.jupiter.api.Test;

class SiteAccessTest {

    private static final String GPTBOT = "Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)";

    /** Hotlink protection and crawler blocking at the top; a public folder where both are off. */
    private static final ImageGuardConfig CONFIG = ConfigLoader.load("""
            hotlink:
              enabled: true
            paths:
              - match: /public/**
                hotlink: { enabled: false }
                ai-crawlers: { action: allow }
            """, "site-access.yaml");

    private final SiteAccess access = new SiteAccess();
    private final CompiledPaths<AccessPolicy> rules = PathResolver.of(CONFIG).compile(r -> access.rulesFor(r.policy()));

    /** As the pipeline asks: the rules of the policy the path resolves to. */
    private Optional<Denial> check(RequestFacts request) {
        return rules.resolve(request.path()).check(request);
    }

    private static RequestFacts request(String path, String referer, String userAgent) {
        return TestSettings.facts(path, "mysite.test", referer, null, null, userAgent);
    }

    @Test
    void aCrawlerIsBlockedAtTheTopButAllowedWhereAPathSaysSo() {
        assertThat(check(request("/a.jpg", null, GPTBOT))).map(Denial::reason).contains(BypassReason.CRAWLER);
        assertThat(check(request("/public/a.jpg", null, GPTBOT))).isEmpty();
        assertThat(access.crawlerCounts()).isEqualTo(Map.of("GPTBot", Map.of(Verdict.BLOCK, 1L)));
    }

    @Test
    void robotsTxtAndTdmrepStayReadableAndAreCountedAsServed() {
        assertThat(check(request("/robots.txt", null, GPTBOT))).isEmpty();
        assertThat(check(request("/.well-known/tdmrep.json", null, GPTBOT))).isEmpty();
        assertThat(access.crawlerCounts()).isEqualTo(Map.of("GPTBot", Map.of(Verdict.LABEL, 2L)));
    }

    @Test
    void hotlinkingIsDecidedByExtensionUpFrontAndForAnyPathOnceItIsAnImage() {
        String evil = "https://evil.test/";
        assertThat(check(request("/a.webp", evil, null))).map(Denial::status).contains(403);
        assertThat(check(request("/a.avif", evil, null))).isPresent();
        assertThat(check(request("/page.html", evil, null))).isEmpty();
        assertThat(check(request("/image", evil, null))).as("no extension: not yet").isEmpty();
        assertThat(rules.resolve("/image").checkImage(request("/image", evil, null))).isPresent();
        assertThat(check(request("/public/a.jpg", evil, null))).isEmpty();
        assertThat(access.hotlinkDenials()).isEqualTo(Map.of("foreign-referer", 3L));
    }

    @Test
    void aDenialHasNoCacheHeadersOfItsOwnTheyAreAddedByThePipeline() {
        Optional<Denial> denial = check(request("/a.jpg", "https://evil.test/", null));
        assertThat(denial).map(Denial::headers).hasValueSatisfying(headers ->
                assertThat(headers).noneMatch(h -> h.name().equalsIgnoreCase("Cache-Control")));
    }
}
