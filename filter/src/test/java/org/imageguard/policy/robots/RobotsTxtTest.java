package org.imageguard.policy.robots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imageguard.config.CrawlerAction;
import org.imageguard.config.RobotsTxtMode;
import org.imageguard.policy.TestSettings;
import org.imageguard.policy.crawlers.AiCrawlerList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RobotsTxtTest {

    private static final AiCrawlerList BUILT_IN = AiCrawlerList.builtIn();
    private static final String ORIGIN = """
            # The site's own rules
            User-agent: *
            Disallow: /private/

            User-agent: Googlebot
            Allow: /
            """;

    private static RobotsTxt robots(RobotsTxtMode mode) {
        return robots(mode, List.of(), List.of());
    }

    private static RobotsTxt robots(RobotsTxtMode mode, List<String> extra, List<String> allow) {
        return RobotsTxt.of(TestSettings.crawlers(CrawlerAction.BLOCK, extra, allow, mode), BUILT_IN);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String serve(RobotsTxtMode mode, String origin) {
        byte[] body = origin == null ? null : origin.getBytes(StandardCharsets.ISO_8859_1);
        return text(robots(mode).respond(body).orElseThrow());
    }

    private static void assertEveryListedCrawlerIsShutOut(String robotsTxt) {
        SimpleRobotsParser parser = new SimpleRobotsParser(robotsTxt);
        for (String token : BUILT_IN.tokens()) {
            assertThat(parser.isAllowed(token, "/")).as(token).isFalse();
            assertThat(parser.isAllowed(token, "/images/cat.jpg")).as(token).isFalse();
            assertThat(parser.groupsFor(token)).as(token).anySatisfy(group -> assertThat(group.otherLines)
                    .containsExactly("Content-Usage: train-ai=n", "Content-signal: search=yes, ai-train=no"));
        }
    }

    @Test
    void augmentKeepsTheOriginAndAppendsOneGroupForEveryCrawler() {
        String served = serve(RobotsTxtMode.AUGMENT, ORIGIN);
        assertThat(served).startsWith(ORIGIN + "\n# Added by ImageGuard");
        assertEveryListedCrawlerIsShutOut(served);
        SimpleRobotsParser parser = new SimpleRobotsParser(served);
        assertThat(parser.isAllowed("SomeOtherBot", "/public/a.jpg")).isTrue();
        assertThat(parser.isAllowed("SomeOtherBot", "/private/a.jpg")).isFalse();
        assertThat(parser.isAllowed("Googlebot", "/private/a.jpg")).isTrue();
        assertThat(parser.isAllowed("Bingbot", "/")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = RobotsTxtMode.class, names = {"AUGMENT", "REPLACE"})
    void withoutAnOriginFileOursIsServedWithAPermissiveGroupForEveryoneElse(RobotsTxtMode mode) {
        String served = serve(mode, null);
        assertThat(served).startsWith("# Added by ImageGuard");
        assertEveryListedCrawlerIsShutOut(served);
        SimpleRobotsParser parser = new SimpleRobotsParser(served);
        assertThat(parser.isAllowed("Googlebot", "/images/cat.jpg")).isTrue();
        assertThat(parser.groupsFor("SomeOtherBot")).singleElement()
                .satisfies(group -> assertThat(group.otherLines).contains("Content-Usage: train-ai=n"));
    }

    @Test
    void replaceIgnoresTheOrigin() {
        String served = serve(RobotsTxtMode.REPLACE, ORIGIN);
        assertThat(served).doesNotContain("/private/").isEqualTo(serve(RobotsTxtMode.REPLACE, null));
        assertEveryListedCrawlerIsShutOut(served);
    }

    @Test
    void offLeavesRobotsTxtToTheOrigin() {
        assertThat(robots(RobotsTxtMode.OFF).respond(ORIGIN.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(robots(RobotsTxtMode.OFF).respond(null)).isEmpty();
    }

    @Test
    void robotsOnlyTokensAreNamedAndCarvedOutOnesAreNot() {
        String served = text(robots(RobotsTxtMode.REPLACE, List.of("SneakyScraper"), List.of("ccbot"))
                .respond(null).orElseThrow());
        assertThat(served).contains("User-agent: Google-Extended\n", "User-agent: Applebot-Extended\n",
                "User-agent: SneakyScraper\n").doesNotContainIgnoringCase("User-agent: CCBot");
        assertThat(new SimpleRobotsParser(served).isAllowed("CCBot", "/")).isTrue();
    }

    @Test
    void anOriginWithoutTrailingNewlineStaysIntact() {
        String served = serve(RobotsTxtMode.AUGMENT, "User-agent: *\nDisallow: /x");
        assertThat(served).startsWith("User-agent: *\nDisallow: /x\n\n# Added by ImageGuard");
        assertThat(new SimpleRobotsParser(served).isAllowed("SomeOtherBot", "/x/y")).isFalse();
        assertEveryListedCrawlerIsShutOut(served);
    }

    @Test
    void crlfOriginGetsCrlfLines() {
        String served = serve(RobotsTxtMode.AUGMENT, "User-agent: *\r\nDisallow: /x\r\n");
        assertThat(served).startsWith("User-agent: *\r\nDisallow: /x\r\n\r\n# Added by ImageGuard")
                .doesNotContainPattern("[^\r]\n").endsWith("\r\n");
        assertEveryListedCrawlerIsShutOut(served);
    }

    @Test
    void aUtf8BomIsDroppedAndOtherBytesKept() {
        byte[] origin = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '#', ' ', (byte) 0xE9, '\n'};
        byte[] served = robots(RobotsTxtMode.AUGMENT).respond(origin).orElseThrow();
        assertThat(served).startsWith('#', ' ', (byte) 0xE9, '\n', '\n', '#');
    }

    @ParameterizedTest
    @ValueSource(strings = {"User-agent: *\n", "User-agent: *\nUser-agent: Foo # comment\n\n# trailing\n"})
    void aDanglingGroupIsClosedSoItDoesNotInheritOurDisallow(String origin) {
        String served = serve(RobotsTxtMode.AUGMENT, origin);
        SimpleRobotsParser parser = new SimpleRobotsParser(served);
        assertThat(parser.isAllowed("SomeOtherBot", "/")).isTrue();
        assertThat(parser.isAllowed("Foo", "/")).isTrue();
        assertEveryListedCrawlerIsShutOut(served);
    }

    @Test
    void aHugeOriginIsCutAtALineEndSoOurGroupStaysWithinTheParsedLimit() {
        StringBuilder origin = new StringBuilder("User-agent: *\n");
        for (int i = 0; origin.length() < RobotsTxt.MAX_BYTES + 10_000; i++) {
            origin.append("Disallow: /generated/path/number/").append(i).append('\n');
        }
        String served = serve(RobotsTxtMode.AUGMENT, origin.toString());
        assertThat(served.length()).isLessThanOrEqualTo(RobotsTxt.MAX_BYTES);
        String kept = served.substring(0, served.indexOf("\n# Added by ImageGuard"));
        assertThat(origin.toString()).startsWith(kept);
        assertThat(kept).endsWith("\n");
        assertEveryListedCrawlerIsShutOut(served);
    }

    @Test
    void anEmptyListLeavesTheOriginAlone() {
        RobotsTxt robots = new RobotsTxt(RobotsTxtMode.AUGMENT, new AiCrawlerList("1", "2026-01-01", "s", List.of()));
        assertThat(text(robots.respond(ORIGIN.getBytes(StandardCharsets.ISO_8859_1)).orElseThrow())).isEqualTo(ORIGIN);
        assertThat(new SimpleRobotsParser(text(robots.respond(null).orElseThrow())).isAllowed("GPTBot", "/")).isTrue();
    }

    @Test
    void theServedBytesAreACopy() {
        RobotsTxt robots = robots(RobotsTxtMode.REPLACE);
        robots.respond(null).orElseThrow()[0] = 'X';
        assertThat(robots.respond(null).orElseThrow()[0]).isEqualTo((byte) '#');
    }
}
