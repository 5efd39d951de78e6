package org.imageguard.policy.crawlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserAgentMatcherTest {

    private static final UserAgentMatcher MATCHER =
            UserAgentMatcher.of(List.of("omgili", "omgilibot", "GPTBot", "panscient.com", "Kangaroo Bot"));

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            omgili/0.5 +http://omgili.com       | omgili
            omgilibot/0.3                       | omgilibot
            OMGILIBOT                           | omgilibot
            omgili-bot                          | NONE
            x omgili_                           | NONE
            (gptbot)                            | GPTBot
            GPTBot/1.1                          | GPTBot
            GPTBot2                             | NONE
            panscient.com                       | panscient.com
            panscientxcom                       | NONE
            Kangaroo Bot/1.0                    | Kangaroo Bot
            KangarooBot                         | NONE
            """)
    void matchesWholeTokensCaseInsensitively(String userAgent, String expected) {
        assertThat(MATCHER.match(userAgent).orElse(null)).isEqualTo(expected);
    }

    @Test
    void anEmptyListMatchesNothing() {
        assertThat(UserAgentMatcher.of(List.of()).match("GPTBot")).isEmpty();
    }

    @Test
    void aHugeUserAgentIsScannedOnlyInPart() {
        assertThat(MATCHER.match("GPTBot " + "x".repeat(100_000))).contains("GPTBot");
        assertThat(MATCHER.match("x ".repeat(50_000) + "GPTBot")).isEmpty();
    }
}
