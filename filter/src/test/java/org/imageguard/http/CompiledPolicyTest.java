package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.imageguard.config.DataMining;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.HotlinkSettings;
import org.imageguard.config.OptimizeSettings;
import org.imageguard.config.Policy;
import org.imageguard.config.ProtectionSettings;
import org.junit.jupiter.api.Test;

class CompiledPolicyTest {


    @Test
    void defaultPolicySendsTheThreeSignals() {
        CompiledPolicy headers = CompiledPolicy.of(Policy.DEFAULTS);
        assertThat(headers.signals()).containsExactly(
                new Header("X-Robots-Tag", "noai, noimageai"),
                new Header("tdm-reservation", "1"),
                new Header("Content-Usage", "train-ai=n"));
    }

    @Test
    void tdmPolicyFollowsTheReservationAndEmptyValuesDisableHeaders() {
        Policy policy = withHeaders(new HeaderSettings("", true, "https://example.com/tdm.json", "", true));
        assertThat(CompiledPolicy.of(policy).signals()).containsExactly(
                new Header("tdm-reservation", "1"),
                new Header("tdm-policy", "https://example.com/tdm.json"));
    }

    @Test
    void noSignalsWhenTheDataMiningCodeAllowsMining() {
        ProtectionSettings p = ProtectionSettings.DEFAULTS;
        Policy allowed = withProtection(new ProtectionSettings(DataMining.DMI_ALLOWED, "", p.rights(),
                p.existingXmp(), p.strip(), p.headers()));
        assertThat(CompiledPolicy.of(allowed).signals()).isEmpty();
    }

    @Test
    void noTransformIsAppendedOnceOrStandsAlone() {
        CompiledPolicy headers = CompiledPolicy.of(Policy.DEFAULTS);
        assertThat(headers.cacheControl("")).isEqualTo("no-transform");
        assertThat(headers.cacheControl("public, max-age=60")).isEqualTo("public, max-age=60, no-transform");
        assertThat(headers.cacheControl("max-age=60, No-Transform")).isEqualTo("max-age=60, No-Transform");
    }

    @Test
    void cacheControlIsTheOriginsWhenNoTransformIsOff() {
        Policy policy = withHeaders(new HeaderSettings("noai", true, "", "train-ai=n", false));
        assertThat(CompiledPolicy.of(policy).cacheControl("max-age=5")).isEqualTo("max-age=5");
    }

    @Test
    void varyAcceptOnlyWhenWebpIsNegotiatedAndMergedWithTheOrigins() {
        assertThat(CompiledPolicy.of(Policy.DEFAULTS).vary("Origin")).isEqualTo("Origin");
        CompiledPolicy webp = CompiledPolicy.of(withWebp());
        assertThat(webp.vary("")).isEqualTo("Accept");
        assertThat(webp.vary("Origin")).isEqualTo("Origin, Accept");
        assertThat(webp.vary("accept-encoding, ACCEPT")).isEqualTo("accept-encoding, ACCEPT");
        assertThat(webp.vary("*")).isEqualTo("*");
    }

    @Test
    void variantIsWebpOnlyWhenEnabledAndAccepted() {
        RequestFacts chrome = RequestFacts.of("GET", "/a.jpg").withHeader("Accept", "image/avif,image/webp,*/*");
        RequestFacts refuses = RequestFacts.of("GET", "/a.jpg").withHeader("Accept", "image/webp;q=0, */*");
        assertThat(CompiledPolicy.of(Policy.DEFAULTS).variant(chrome)).isEqualTo(Variant.ORIGINAL);
        assertThat(CompiledPolicy.of(withWebp()).variant(chrome)).isEqualTo(Variant.WEBP);
        assertThat(CompiledPolicy.of(withWebp()).variant(refuses)).isEqualTo(Variant.ORIGINAL);
    }

    @Test
    void crossOriginResourcePolicyIsSentOnlyWhenConfigured() {
        Policy d = Policy.DEFAULTS;
        HotlinkSettings h = d.hotlink();
        Policy corp = new Policy(d.protection(), d.optimize(), d.watermark(), new HotlinkSettings(h.enabled(), h.allow(),
                h.allowEmptyReferer(), h.allowSearchEngines(), h.exemptPaths(), h.action(), h.redirectTo(), true),
                d.aiCrawlers(), d.limits());
        assertThat(CompiledPolicy.of(corp).signals())
                .contains(new Header("Cross-Origin-Resource-Policy", "same-site"));
        assertThat(CompiledPolicy.of(d).signals()).extracting(Header::name)
                .doesNotContain("Cross-Origin-Resource-Policy");
    }

    static Policy withWebp() {
        OptimizeSettings o = OptimizeSettings.DEFAULTS;
        Policy d = Policy.DEFAULTS;
        return new Policy(d.protection(), new OptimizeSettings(o.mode(), o.effort(), o.jpegQuality(), o.minSavingPercent(),
                o.maxWidth(), o.maxHeight(), true), d.watermark(), d.hotlink(), d.aiCrawlers(), d.limits());
    }

    static Policy withHeaders(HeaderSettings headers) {
        ProtectionSettings p = ProtectionSettings.DEFAULTS;
        return withProtection(new ProtectionSettings(p.dataMining(), p.otherConstraints(), p.rights(),
                p.existingXmp(), p.strip(), headers));
    }

    static Policy withProtection(ProtectionSettings protection) {
        Policy d = Policy.DEFAULTS;
        return new Policy(protection, d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(), d.limits());
    }
}
