package org.imageguard.policy.crawlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.imageguard.config.CrawlerAction;
import org.imageguard.config.RobotsTxtMode;
import org.imageguard.http.RequestFacts;
import org.imageguard.policy.TestSettings;
import org.imageguard.policy.crawlers.CrawlerDecision.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrawlerPolicyTest {

    private static final CrawlerPolicy BLOCKING = policy(CrawlerAction.BLOCK, List.of(), List.of());

    private static CrawlerPolicy policy(CrawlerAction action, List<String> extra, List<String> allow) {
        return new CrawlerPolicy(TestSettings.crawlers(action, extra, allow, RobotsTxtMode.AUGMENT),
                AiCrawlerList.builtIn());
    }

    private static RequestFacts request(String path, String userAgent) {
        return TestSettings.facts(path, "example.com", null, null, null, userAgent);
    }

    // User-Agent strings as the operators document them.
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            GPTBot                       | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.1; +https://openai.com/gptbot
            ClaudeBot                    | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)
            anthropic-ai                 | anthropic-ai
            CCBot                        | CCBot/2.0 (https://commoncrawl.org/faq/)
            Bytespider                   | Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)
            meta-externalagent           | meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)
            meta-externalagent           | Meta-ExternalAgent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)
            Amazonbot                    | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot) Chrome/119.0.6045.214 Safari/537.36
            cohere-training-data-crawler | Mozilla/5.0 (compatible; cohere-training-data-crawler/1.0; +https://cohere.com)
            AI2Bot                       | Mozilla/5.0 (compatible) AI2Bot (+https://www.allenai.org/crawler)
            img2dataset                  | Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:72.0) Gecko/20100101 Firefox/72.0 (compatible; img2dataset; +https://github.com/rom1504/img2dataset)
            Diffbot                      | Mozilla/5.0 (X11; U; Linux i686; en-US; rv:1.9.1.2) Gecko/20090729 Firefox/3.5.2 (.NET CLR 3.5.30729; Diffbot/0.1; +http://www.diffbot.com)
            ImagesiftBot                 | Mozilla/5.0 (compatible; ImagesiftBot; +imagesift.com)
            Timpibot                     | Timpibot/0.8 (+http://www.timpi.io)
            YouBot                       | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; YouBot (+http://www.you.com))
            omgili                       | omgili/0.5 +http://omgili.com
            DeepSeekBot                  | Mozilla/5.0 (compatible; DeepSeekBot/1.0; +https://www.deepseek.com)
            LAIONDownloader              | LAIONDownloader/1.0 (+https://laion.ai/faq/)
            """)
    void trainingCrawlersAreRefusedAndNamed(String agent, String userAgent) {
        CrawlerDecision decision = BLOCKING.decide(request("/images/cat.jpg", userAgent));
        assertThat(decision.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(decision.agent()).contains(agent);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        // AI search indexers: their operators say they index for search and answers, not for training.
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; "
                + "+https://perplexity.ai/perplexitybot)",
        "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; "
                + "PetalBot;+https://webmaster.petalsearch.com/site/petalbot)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Googlebot-Image/1.0",
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) "
                + "Chrome/116.0.1938.76 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 "
                + "Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
        "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
                + "Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                + "Safari/537.36 Edg/131.0.0.0",
        "NotGPTBot/1.0", "GPTBot-Preview/1.0", "omgilibotx", "CCBotany", "xClaudeBot", ""})
    void searchEnginesPreviewsBrowsersAndLookalikesPass(String userAgent) {
        CrawlerDecision decision = BLOCKING.decide(request("/images/cat.jpg", userAgent));
        assertThat(decision.verdict()).isEqualTo(Verdict.PASS);
        assertThat(decision.agent()).isEmpty();
    }

    @Test
    void aMissingUserAgentPasses() {
        assertThat(BLOCKING.decide(request("/a.jpg", null))).isEqualTo(CrawlerDecision.PASS);
    }

    @Test
    void robotsOnlyTokensAreNeverMatchedAgainstUserAgents() {
        // Google-Extended rides on Googlebot's User-Agent: blocking it would drop the site from search.
        assertThat(BLOCKING.decide(request("/a.jpg", "Google-Extended")).verdict()).isEqualTo(Verdict.PASS);
        assertThat(BLOCKING.decide(request("/a.jpg", "Applebot-Extended")).verdict()).isEqualTo(Verdict.PASS);
        assertThat(BLOCKING.crawlers().tokens()).contains("Google-Extended", "Applebot-Extended");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/robots.txt", "/.well-known/tdmrep.json"})
    void crawlersMayAlwaysReadRobotsTxtAndTdmRep(String path) {
        CrawlerDecision decision = BLOCKING.decide(request(path, "CCBot/2.0 (https://commoncrawl.org/faq/)"));
        assertThat(decision.verdict()).isEqualTo(Verdict.LABEL);
        assertThat(decision.agent()).contains("CCBot");
    }

    @Test
    void labelServesAndNamesTheCrawler() {
        CrawlerDecision decision = policy(CrawlerAction.LABEL, List.of(), List.of())
                .decide(request("/a.jpg", "CCBot/2.0 (https://commoncrawl.org/faq/)"));
        assertThat(decision.verdict()).isEqualTo(Verdict.LABEL);
        assertThat(decision.agent()).contains("CCBot");
    }

    @Test
    void allowLooksAtNothing() {
        assertThat(policy(CrawlerAction.ALLOW, List.of(), List.of())
                .decide(request("/a.jpg", "CCBot/2.0 (https://commoncrawl.org/faq/)"))).isEqualTo(CrawlerDecision.PASS);
    }

    @Test
    void extraUserAgentsAreAddedAndAllowUserAgentsCarvedOutCaseInsensitively() {
        CrawlerPolicy policy = policy(CrawlerAction.BLOCK, List.of("SneakyScraper", "Kangaroo Bot"),
                List.of("perplexitybot", "GOOGLE-EXTENDED"));
        assertThat(policy.decide(request("/a.jpg", "sneakyscraper/3.1")).agent()).contains("SneakyScraper");
        assertThat(policy.decide(request("/a.jpg", "Mozilla/5.0 (compatible; Kangaroo Bot/1.0)")).agent())
                .contains("Kangaroo Bot");
        assertThat(policy.decide(request("/a.jpg",
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0)")).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(policy.crawlers().tokens()).doesNotContain("PerplexityBot", "Google-Extended")
                .contains("GPTBot", "SneakyScraper");
    }

    @Test
    void anExtraAgentAlsoCarvedOutIsNotListed() {
        CrawlerPolicy policy = policy(CrawlerAction.BLOCK, List.of("Foo"), List.of("foo"));
        assertThat(policy.crawlers().tokens()).doesNotContain("Foo");
    }

    @Test
    void toStringShowsActionAndList() {
        assertThat(BLOCKING.toString()).contains("action=block", "GPTBot", "version=");
    }
}
