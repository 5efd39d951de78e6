package org.imageguard.policy.hotlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imageguard.config.HotlinkAction;
import org.imageguard.config.HotlinkSettings;
import org.imageguard.http.RequestFacts;
import org.imageguard.policy.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HotlinkPolicyTest {

    private static final String OWN_HOST = "mysite.test:8443";
    /** The Accept headers of Chrome 131 and Firefox 133, by what is fetched. */
    private static final Map<String, String> ACCEPT = Map.of(
            "chrome-image", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
            "firefox-image", "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5",
            "html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "any", "*/*");
    private static final List<String> ALLOW = List.of("example.com", "*.cdn-partner.test", ".friends.test",
            "partner.*", "gallery.test/galleries/", "~^regex\\.test/", "bücher.example");

    private static HotlinkSettings settings(boolean allowEmptyReferer, boolean allowSearchEngines) {
        return TestSettings.hotlink(ALLOW, allowEmptyReferer, allowSearchEngines,
                HotlinkSettings.DEFAULTS.exemptPaths(), HotlinkAction.FORBID, "");
    }

    private static HotlinkDecision decide(HotlinkSettings settings, String referer) {
        return new HotlinkPolicy(settings).decide(TestSettings.facts("/img/cat.jpg", OWN_HOST, referer, null, null, null));
    }

    private static HotlinkDecision decide(HotlinkSettings settings, String referer, String site, String dest) {
        return new HotlinkPolicy(settings)
                .decide(TestSettings.facts("/img/cat.jpg", OWN_HOST, referer, site, dest, "Mozilla/5.0"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://evil.test/?example.com                 | foreign-referer
            https://evil.test/#example.com                 | foreign-referer
            https://example.com.evil.test/                 | foreign-referer
            https://example.com@evil.test/                 | foreign-referer
            https://user:example.com@evil.test/            | foreign-referer
            https://evil.test\\@example.com/               | foreign-referer
            https://evil.test/example.com/                 | foreign-referer
            https://notexample.com/                        | foreign-referer
            https://www.notexample.com/                    | foreign-referer
            https://example.co/                            | foreign-referer
            https://cdn-partner.test/                      | foreign-referer
            https://evilcdn-partner.test/                  | foreign-referer
            https://notfriends.test/                       | foreign-referer
            https://partner.com.evil.test/                 | foreign-referer
            https://partner.evil.test/                     | foreign-referer
            https://gallery.test/private/                  | foreign-referer
            https://gallery.test/galleries/../private/     | foreign-referer
            https://gallery.test/galleries/%2e%2e/private/ | foreign-referer
            https://regex.test.evil.test/                  | foreign-referer
            https://google.evil.test/search                | foreign-referer
            https://google.com.evil.test/                  | foreign-referer
            https://notgoogle.com/                         | foreign-referer
            https://mysite.test.evil.test/                 | foreign-referer
            http://[2001:db8::1]/                          | foreign-referer
            //example.com/                                 | bad-referer
            ///example.com/                                | bad-referer
            https:////example.com/                         | bad-referer
            https:/example.com/                            | bad-referer
            https:example.com                              | bad-referer
            http:\\\\example.com\\                         | bad-referer
            \\\\example.com                                | bad-referer
            https://%65xample.com/                         | bad-referer
            https://example%2ecom/                         | bad-referer
            https://example.com%40evil.test/               | bad-referer
            https://example.com:evil.test/                 | bad-referer
            https://example.com:99999999/                  | bad-referer
            https://exa mple.com/                          | bad-referer
            https://[::1/                                  | bad-referer
            https://[example.com]/                         | bad-referer
            https://                                       | bad-referer
            """)
    void hostileReferersAreDeniedWhateverTheEmptyRefererSetting(String referer, String reason) {
        for (boolean allowEmpty : new boolean[] {true, false}) {
            HotlinkDecision decision = decide(settings(allowEmpty, true), referer);
            assertThat(decision.allowed()).as("allowed with allow-empty-referer=%s", allowEmpty).isFalse();
            assertThat(decision.reason().word()).isEqualTo(reason);
        }
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://example.com/page.html               | allowed-referer
            http://example.com                          | allowed-referer
            HTTPS://EXAMPLE.COM/Page                    | allowed-referer
            https://Example.Com:8080/                   | allowed-referer
            https://user:secret@example.com/            | allowed-referer
            https://example.com./                       | allowed-referer
            https://example.com?q=a^b{"x"}             | allowed-referer
            https://www.cdn-partner.test/               | allowed-referer
            https://a.b.cdn-partner.test/x              | allowed-referer
            https://friends.test/                       | allowed-referer
            https://www.friends.test/                   | allowed-referer
            https://partner.com/                        | allowed-referer
            https://partner.de/                         | allowed-referer
            https://partner.co.uk/                      | allowed-referer
            https://gallery.test/galleries/             | allowed-referer
            https://gallery.test/galleries/2024/a.html  | allowed-referer
            https://regex.test/anything                 | allowed-referer
            https://BÜCHER.example/                     | allowed-referer
            https://xn--bcher-kva.example/              | allowed-referer
            https://mysite.test/                        | own-host
            https://MYSITE.TEST:9999/gallery            | own-host
            https://images.google.de/                   | search-engine
            https://www.google.com/imgres?x=1           | search-engine
            https://www.google.co.uk/                   | search-engine
            https://google.com.br/                      | search-engine
            https://www.bing.com/images/search          | search-engine
            https://duckduckgo.com/?q=cat&iax=images    | search-engine
            https://images.search.yahoo.com/            | search-engine
            https://yandex.ru/images/                   | search-engine
            https://image.baidu.com/                    | search-engine
            https://www.ecosia.org/images               | search-engine
            https://www.qwant.com/                      | search-engine
            https://www.startpage.com/                  | search-engine
            """)
    void allowedReferersAreServed(String referer, String reason) {
        HotlinkDecision decision = decide(settings(false, true), referer);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason().word()).isEqualTo(reason);
    }

    @Test
    void searchEnginesAreForeignWhenNotAllowed() {
        HotlinkDecision decision = decide(settings(true, false), "https://images.google.de/");
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(HotlinkReason.FOREIGN_REFERER);
    }

    @Test
    void ipv6OwnHostIsComparedAsAnAddress() {
        HotlinkDecision decision = new HotlinkPolicy(settings(false, false)).decide(
                TestSettings.facts("/a.png", "[2001:db8::1]:8443", "http://[2001:DB8:0:0::1]/page", null, null, null));
        assertThat(decision.reason()).isEqualTo(HotlinkReason.OWN_HOST);
    }

    @ParameterizedTest(name = "[{index}] referer={0} site={1} dest={2} allowEmpty={3} -> {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                        | NULL        | NULL     | true  | true  | no-referer
            NULL                        | NULL        | NULL     | false | false | no-referer
            NULL                        | cross-site  | image    | true  | false | cross-site-embed
            NULL                        | Cross-Site  | Image    | true  | false | cross-site-embed
            NULL                        | cross-site  | document | true  | true  | no-referer
            NULL                        | none        | image    | true  | true  | no-referer
            NULL                        | same-origin | image    | false | true  | same-site
            NULL                        | same-site   | image    | false | true  | same-site
            -                           | NULL        | NULL     | true  | true  | blocked-referer
            XXXXXX                      | NULL        | NULL     | true  | true  | blocked-referer
            ''                          | NULL        | NULL     | true  | true  | blocked-referer
            android-app://com.gmail/    | NULL        | NULL     | true  | true  | blocked-referer
            -                           | NULL        | NULL     | false | false | blocked-referer
            -                           | cross-site  | image    | true  | false | cross-site-embed
            -                           | same-origin | image    | false | true  | same-site
            https://evil.test/          | same-origin | image    | true  | false | foreign-referer
            https://example.com/        | cross-site  | image    | false | true  | allowed-referer
            """)
    void missingAndBlockedReferersFollowFetchMetadataThenTheSetting(String referer, String site, String dest,
                                                                    boolean allowEmpty, boolean allowed, String reason) {
        HotlinkDecision decision = decide(settings(allowEmpty, true), referer, site, dest);
        assertThat(decision.allowed()).isEqualTo(allowed);
        assertThat(decision.reason().word()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "[{index}] {0} exempt={1}")
    @CsvSource(delimiter = '|', textBlock = """
            /hotlink-ok/x.jpg              | true
            /a/b/hotlink-ok/c/d.png        | true
            /a/hotlink-ok/x.webp           | true
            /hotlink-ok                    | true
            /not-hotlink-ok/x.jpg          | false
            /hotlink-ok-not/x.jpg          | false
            /a/hotlink-okay/x.jpg          | false
            /img/hotlink-ok.jpg            | false
            """)
    void defaultExemptPathsCoverAnyHotlinkOkSegment(String path, boolean exempt) {
        HotlinkDecision decision = new HotlinkPolicy(settings(false, false))
                .decide(TestSettings.facts(path, OWN_HOST, "https://evil.test/", null, null, null));
        assertThat(decision.allowed()).isEqualTo(exempt);
        assertThat(decision.reason()).isEqualTo(exempt ? HotlinkReason.EXEMPT_PATH : HotlinkReason.FOREIGN_REFERER);
    }

    @Test
    void theLocalRedirectTargetIsServedSoTheRedirectCannotLoop() {
        HotlinkSettings settings = TestSettings.hotlink(ALLOW, true, true, List.of(), HotlinkAction.REDIRECT,
                "/nohotlink.png?from=hotlink");
        HotlinkPolicy policy = new HotlinkPolicy(settings);
        assertThat(policy.decide(TestSettings.facts("/nohotlink.png", OWN_HOST, "https://evil.test/", null, null, null))
                .reason()).isEqualTo(HotlinkReason.REDIRECT_TARGET);
        assertThat(policy.decide(TestSettings.facts("/other.png", OWN_HOST, "https://evil.test/", null, null, null))
                .allowed()).isFalse();
    }

    @Test
    void anAbsoluteRedirectTargetIsServedOnlyOnItsOwnHost() {
        HotlinkSettings settings = TestSettings.hotlink(ALLOW, true, true, List.of(), HotlinkAction.REDIRECT,
                "https://mysite.test/nohotlink.png");
        HotlinkPolicy policy = new HotlinkPolicy(settings);
        assertThat(policy.decide(TestSettings.facts("/nohotlink.png", "MySite.test", "https://evil.test/", null, null,
                null)).reason()).isEqualTo(HotlinkReason.REDIRECT_TARGET);
        assertThat(policy.decide(TestSettings.facts("/nohotlink.png", "other.test", "https://evil.test/", null, null,
                null)).allowed()).isFalse();
    }

    @Test
    void disabledPolicyAllowsEverything() {
        HotlinkDecision decision = new HotlinkPolicy(HotlinkSettings.DEFAULTS)
                .decide(TestSettings.facts("/a.jpg", OWN_HOST, "https://evil.test/", "cross-site", "image", null));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).isEqualTo(HotlinkReason.DISABLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "none", "blocked", "server_names", "*.", "ex*ample.com", "*example.com",
            "example.com:8080", "exa mple.com", "~(unclosed", "/galleries/", "%65xample.com"})
    void invalidAllowEntriesAreRejectedNamingTheEntry(String entry) {
        HotlinkSettings settings = TestSettings.hotlink(List.of(entry), true, true, List.of(),
                HotlinkAction.FORBID, "");
        assertThatThrownBy(() -> new HotlinkPolicy(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + entry + "\"");
    }

    @Test
    void toStringShowsTheEffectiveConfiguration() {
        assertThat(new HotlinkPolicy(settings(true, true)).toString())
                .contains("enabled=true", "*.cdn-partner.test", "/**/hotlink-ok/**", "action=forbid");
    }

    /**
     * Header sets as Chrome 131 and Firefox 133 send them for a cross-site page that uses our image, from a page with
     * {@code Referrer-Policy: no-referrer} (so no Referer): every way of embedding is refused, whatever
     * {@code allow-empty-referer} says; only a visitor following a link (a top-level {@code document}) is not.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Chrome <img>          | no-cors  | image    | chrome-image  | cross-site-embed
            Chrome <iframe src>   | navigate | iframe   | html          | cross-site-embed
            Chrome <object data>  | no-cors  | object   | html          | cross-site-embed
            Chrome <embed src>    | no-cors  | embed    | html          | cross-site-embed
            Chrome fetch()        | cors     | empty    | any           | cross-site-embed
            Firefox <img>         | no-cors  | image    | firefox-image | cross-site-embed
            Firefox <iframe src>  | navigate | iframe   | html          | cross-site-embed
            Firefox <object data> | navigate | object   | html          | cross-site-embed
            Firefox <embed src>   | navigate | embed    | html          | cross-site-embed
            Chrome <video poster> | no-cors  | video    | any           | cross-site-embed
            Chrome link click     | navigate | document | html          | no-referer
            Firefox link click    | navigate | document | html          | no-referer
            """)
    void everyCrossSiteEmbeddingWithoutARefererIsRefusedButALinkIsNot(String what, String mode, String dest,
                                                                       String accept, String reason) {
        Map<String, String> browser = new HashMap<>();
        browser.put("User-Agent", what.startsWith("Chrome")
                ? "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                        + " Safari/537.36"
                : "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
        browser.put("Accept", ACCEPT.get(accept));
        browser.put("Sec-Fetch-Site", "cross-site");
        browser.put("Sec-Fetch-Mode", mode);
        browser.put("Sec-Fetch-Dest", dest);
        RequestFacts request = new RequestFacts("GET", "/img/cat.jpg", "", OWN_HOST, browser);
        HotlinkDecision decision = new HotlinkPolicy(settings(true, true)).decide(request);
        assertThat(decision.reason().word()).as(what).isEqualTo(reason);
        assertThat(decision.allowed()).as(what).isEqualTo(dest.equals("document"));
    }

    @Test
    void aCrossSiteRequestWithoutADestinationIsNoNavigation() {
        assertThat(decide(settings(true, true), null, "cross-site", null).allowed()).isFalse();
        assertThat(decide(settings(true, true), null, "cross-site", "").allowed()).isFalse();
    }
}
