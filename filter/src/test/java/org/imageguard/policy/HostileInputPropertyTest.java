package org.imageguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imageguard.config.AiCrawlerSettings;
import org.imageguard.config.HotlinkAction;
import org.imageguard.policy.crawlers.AiCrawlerList;
import org.imageguard.policy.crawlers.CrawlerPolicy;
import org.imageguard.policy.hotlink.HotlinkDecision;
import org.imageguard.policy.hotlink.HotlinkPolicy;

/** Whatever a client sends, the policies answer: no exception escapes, and a Referer never passes by accident. */
class HostileInputPropertyTest {

    private static final HotlinkPolicy HOTLINK = new HotlinkPolicy(TestSettings.hotlink(
            List.of("example.com", "*.example.org", "example.*"), false, true, List.of("/**/hotlink-ok/**"),
            HotlinkAction.FORBID, ""));
    private static final CrawlerPolicy CRAWLERS = new CrawlerPolicy(AiCrawlerSettings.DEFAULTS, AiCrawlerList.builtIn());

    @Provide
    Arbitrary<String> headerish() {
        Arbitrary<String> pieces = Arbitraries.of("http://", "https://", "//", "\\", "@", ":", "[", "]", "%",
                "example.com", ".evil.test", "?", "#", "/", "80", "::1", "xn--", "\u3002", "ü", " ", "*", "-");
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(30);
        return Arbitraries.oneOf(pieces, junk).list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    @Property(tries = 2000)
    void hotlinkDecidesAnything(@ForAll("headerish") String referer, @ForAll("headerish") String host,
                                @ForAll("headerish") String path) {
        HotlinkDecision decision = HOTLINK.decide(TestSettings.facts(path, host, referer, "cross-site", "image", null));
        assertThat(decision.reason()).isNotNull();
    }

    @Property(tries = 2000)
    void aForeignHostNeverPassesWhateverSurroundsIt(@ForAll("headerish") String before,
                                                    @ForAll("headerish") String after) {
        String referer = "https://evil.test" + (after.startsWith("/") ? after : "/" + after);
        assertThat(HOTLINK.decide(TestSettings.facts("/a.jpg", "mysite.test", referer, null, null, null)).allowed())
                .as(referer).isFalse();
        String userinfo = "https://" + before.replace("/", "").replace("\\", "").replace("?", "").replace("#", "")
                + "@evil.test/";
        assertThat(HOTLINK.decide(TestSettings.facts("/a.jpg", "mysite.test", userinfo, null, null, null)).allowed())
                .as(userinfo).isFalse();
    }

    @Property(tries = 2000)
    void crawlerPolicyDecidesAnything(@ForAll("headerish") String userAgent, @ForAll("headerish") String path) {
        assertThat(CRAWLERS.decide(TestSettings.facts(path, "h", null, null, null, userAgent))).isNotNull();
    }
}
