package org.imageguard.config;

import static org.imageguard.config.ConfigKey.changesBytes;
import static org.imageguard.config.ConfigKey.keepsBytes;

import java.util.List;

/**
 * The table of every key a {@code paths:} entry may override: one row per key, in the order of the settings records'
 * components. {@link PolicyBinder} reads it, {@link ConfigPrinter} prints it, {@link PolicyFingerprint} hashes the
 * rows marked {@link ConfigKey#changesBytes}, and the environment variables follow the printed keys. A new key is one
 * new row here (and a component of its record); the rules between keys of one section sit with their section.
 */
final class PolicyKeys {

    /** Image dimensions beyond this are not images anyone serves; the bound keeps arithmetic far from overflow. */
    private static final int MAX_DIMENSION = 1_000_000;

    static final KeySection<Rights> RIGHTS = KeySection.of("rights", Rights.class, Rights.NONE,
            changesBytes("copyright", KeyKind.text()),
            changesBytes("creator", KeyKind.text()),
            changesBytes("credit", KeyKind.text()),
            changesBytes("web-statement", KeyKind.url()),
            changesBytes("usage-terms", KeyKind.text()),
            changesBytes("licensor-name", KeyKind.text()),
            changesBytes("licensor-url", KeyKind.url()));

    /** Sent beside the image, never in it. */
    static final KeySection<HeaderSettings> HEADERS = KeySection.of("headers", HeaderSettings.class,
            HeaderSettings.DEFAULTS,
            keepsBytes("x-robots-tag", KeyKind.text()),
            keepsBytes("tdm-reservation", KeyKind.bool()),
            keepsBytes("tdm-policy", KeyKind.url()),
            keepsBytes("content-usage", KeyKind.text()),
            keepsBytes("no-transform", KeyKind.bool()));

    static final KeySection<ProtectionSettings> PROTECTION = KeySection.of("protection", ProtectionSettings.class,
            ProtectionSettings.DEFAULTS,
            changesBytes("data-mining", KeyKind.dataMining()),
            changesBytes("other-constraints", KeyKind.text()),
            RIGHTS,
            changesBytes("existing-xmp", KeyKind.choice(ExistingXmp.class)),
            changesBytes("strip", KeyKind.choice(StripMode.class)),
            HEADERS).checkedBy((r, values) -> {
                boolean unexplained = values.get("data-mining") == DataMining.DMI_PROHIBITED_SEECONSTRAINT
                        && values.<String>get("other-constraints").isBlank();
                if (unexplained) {
                    r.error("data-mining", "DMI-PROHIBITED-SEECONSTRAINT needs " + r.qualified("other-constraints")
                            + " to say what the constraint is");
                    values.reset("data-mining"); // reported; keep binding the rest
                }
            });

    static final KeySection<OptimizeSettings> OPTIMIZE = KeySection.of("optimize", OptimizeSettings.class,
            OptimizeSettings.DEFAULTS,
            changesBytes("mode", KeyKind.choice(OptimizeMode.class)).fingerprintedAs("optimize.mode"),
            changesBytes("effort", KeyKind.choice(OptimizeEffort.class)),
            changesBytes("jpeg-quality", KeyKind.quality()),
            changesBytes("min-saving", KeyKind.percent()).field("minSavingPercent"),
            changesBytes("max-width", KeyKind.integer(0, MAX_DIMENSION)),
            changesBytes("max-height", KeyKind.integer(0, MAX_DIMENSION)),
            changesBytes("webp", KeyKind.bool()));

    static final KeySection<WatermarkSettings> WATERMARK = KeySection.of("watermark", WatermarkSettings.class,
            WatermarkSettings.DEFAULTS,
            changesBytes("enabled", KeyKind.bool()).fingerprintedAs("watermark.enabled"),
            changesBytes("text", KeyKind.text()).fingerprintedAs("watermark.text"),
            changesBytes("position", KeyKind.choice(WatermarkPosition.class)).fingerprintedAs("watermark.position"),
            changesBytes("opacity", KeyKind.decimal(0, 1)),
            changesBytes("min-width", KeyKind.integer(0, MAX_DIMENSION)),
            changesBytes("logo", KeyKind.logo()).fingerprintedAs("watermark.logo")).checkedBy((r, values) -> {
                boolean nothingToDraw = values.<String>get("text").isBlank()
                        && values.<java.util.Optional<WatermarkLogo>>get("logo").isEmpty();
                if (values.<Boolean>get("enabled") && nothingToDraw) {
                    if (r.isBlank("logo")) { // a bad logo is reported already
                        r.error("enabled", "an enabled watermark needs " + r.qualified("text") + " or "
                                + r.qualified("logo"));
                    }
                    values.reset("enabled"); // reported; keep binding the rest
                }
            });

    /** Decides who gets the image, never what it is. */
    static final KeySection<HotlinkSettings> HOTLINK = KeySection.of("hotlink", HotlinkSettings.class,
            HotlinkSettings.DEFAULTS,
            keepsBytes("enabled", KeyKind.bool()),
            keepsBytes("allow", KeyKind.list(HostPattern::parse)),
            keepsBytes("allow-empty-referer", KeyKind.bool()),
            keepsBytes("allow-search-engines", KeyKind.bool()),
            keepsBytes("exempt-paths", KeyKind.list(Glob::compile)),
            keepsBytes("action", KeyKind.choice(HotlinkAction.class)),
            keepsBytes("redirect-to", KeyKind.redirectTarget()),
            keepsBytes("cross-origin-resource-policy", KeyKind.bool())).checkedBy((r, values) -> {
                boolean nowhere = values.get("action") == HotlinkAction.REDIRECT
                        && values.<String>get("redirect-to").isBlank();
                if (nowhere) {
                    if (r.isBlank("redirect-to")) { // an invalid redirect-to is reported already
                        r.error("action", "action redirect needs " + r.qualified("redirect-to"));
                    }
                    values.reset("action"); // reported; keep binding the rest
                }
            });

    /** Decides who gets the image and what robots.txt says, never what the image is. */
    static final KeySection<AiCrawlerSettings> AI_CRAWLERS = KeySection.of("ai-crawlers", AiCrawlerSettings.class,
            AiCrawlerSettings.DEFAULTS,
            keepsBytes("action", KeyKind.choice(CrawlerAction.class)),
            keepsBytes("extra-user-agents", KeyKind.list(PolicyKeys::userAgent)),
            keepsBytes("allow-user-agents", KeyKind.list(PolicyKeys::userAgent)),
            keepsBytes("robots-txt", KeyKind.choice(RobotsTxtMode.class)),
            keepsBytes("tdmrep-json", KeyKind.bool()));

    /**
     * The size limits decide whether an image is rewritten at all, so they are fingerprinted; the rest decide what
     * happens when it is not (or not yet), which never changes the bytes of a protected image.
     */
    static final KeySection<LimitSettings> LIMITS = KeySection.of("limits", LimitSettings.class,
            LimitSettings.DEFAULTS,
            changesBytes("max-image-size", KeyKind.size()),
            changesBytes("max-pixels", KeyKind.pixels()),
            keepsBytes("transform-concurrency", KeyKind.integer(0, 4096)),
            keepsBytes("on-error", KeyKind.choice(OnError.class)),
            keepsBytes("on-busy", KeyKind.choice(OnBusy.class)),
            keepsBytes("on-unsupported", KeyKind.choice(OnUnsupported.class)));

    /** The sections a {@code paths:} entry may override, at the top level of the file. */
    static final KeySection<Policy> POLICY = KeySection.of("", Policy.class, Policy.DEFAULTS,
            PROTECTION, OPTIMIZE, WATERMARK, HOTLINK, AI_CRAWLERS, LIMITS);

    static final List<String> SECTIONS = POLICY.keyNames();

    private PolicyKeys() {
    }

    private static String userAgent(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("expected a User-Agent token, found ''");
        }
        return value;
    }
}
