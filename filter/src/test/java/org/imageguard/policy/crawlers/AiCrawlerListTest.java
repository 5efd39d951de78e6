package org.imageguard.policy.crawlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AiCrawlerListTest {

    private static final AiCrawlerList BUILT_IN = AiCrawlerList.builtIn();

    @Test
    void builtInListIsVersionedAndSourced() {
        assertThat(BUILT_IN.version()).isNotBlank();
        assertThat(BUILT_IN.date()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(BUILT_IN.source()).isEqualTo("https://github.com/ai-robots-txt/ai.robots.txt");
        assertThat(BUILT_IN.agents()).allSatisfy(agent -> {
            assertThat(agent.operator()).isNotBlank();
            assertThat(agent.purpose()).isNotBlank();
        });
    }

    @Test
    void builtInListHoldsEveryTrainingCrawlerTheStandardsName() {
        assertThat(BUILT_IN.tokens()).contains("GPTBot", "ClaudeBot", "anthropic-ai", "CCBot", "Bytespider",
                "Google-Extended", "Applebot-Extended", "meta-externalagent", "Amazonbot",
                "cohere-training-data-crawler", "AI2Bot", "DeepSeekBot", "img2dataset", "LAIONDownloader",
                "ImagesiftBot", "omgili", "Diffbot", "YouBot", "Timpibot");
    }

    @Test
    void searchIndexersWhoseOperatorsRuleOutTrainingAreNotOnTheList() {
        // docs/crawlers.md cites Perplexity's and Huawei's crawler pages.
        assertThat(BUILT_IN.tokens()).doesNotContain("PerplexityBot", "PetalBot", "OAI-SearchBot", "Googlebot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Googlebot", "Bingbot", "Applebot", "facebookexternalhit", "Twitterbot", "Slurp",
            "DuckDuckBot", "Spider", "Code", "ChatGPT-User", "OAI-SearchBot", "Claude-User"})
    void builtInListLeavesOutSearchPreviewsAssistantsAndGenericTokens(String token) {
        assertThat(BUILT_IN.tokens()).noneMatch(listed -> listed.equalsIgnoreCase(token));
    }

    @ParameterizedTest(name = "[{index}] {0} userAgent={1}")
    @CsvSource({"Google-Extended,false", "Applebot-Extended,false", "GPTBot,true", "CCBot,true"})
    void robotsOnlyTokensAreMarked(String token, boolean userAgent) {
        assertThat(BUILT_IN.agents()).filteredOn(agent -> agent.token().equals(token))
                .singleElement().extracting(AiCrawler::userAgent).isEqualTo(userAgent);
        assertThat(BUILT_IN.userAgents().contains(token)).isEqualTo(userAgent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " GPTBot", "GPT#Bot", "GPT\nBot", "Bot\r\nDisallow: /", "Bötli"})
    void tokensThatWouldCorruptRobotsTxtAreRejected(String token) {
        assertThatThrownBy(() -> new AiCrawler(token, "x", "y", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crawler token");
    }

    @Test
    void duplicateTokensAreRejected() {
        List<AiCrawler> agents = List.of(new AiCrawler("GPTBot", "o", "p", true), new AiCrawler("gptbot", "o", "p", true));
        assertThatThrownBy(() -> new AiCrawlerList("1", "2026-01-01", "s", agents))
                .hasMessageContaining("gptbot").hasMessageContaining("twice");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"version":"1","date":"d","source":"s","agents":[],"extra":1}                          | unknown field "extra"
            {"version":"1","date":"d","agents":[]}                                                 | missing field "source"
            {"version":"1","date":"d","source":"s","agents":[{"token":"A","operator":"o","purpose":"p"}]} | missing field "userAgent"
            {"version":"1","date":"d","source":"s","agents":[{"token":"A","operator":"o","purpose":"p","userAgent":"yes"}]} | expected true or false
            {"version":1,"date":"d","source":"s","agents":[]}                                      | expected VALUE_STRING
            [1]                                                                                     | expected START_OBJECT
            """)
    void malformedListsFailNamingTheProblem(String json, String message) {
        assertThatThrownBy(() -> AiCrawlerList.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining(message);
    }
}
