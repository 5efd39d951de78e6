package org.imageguard.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Binds the six sections a {@code paths:} entry may override (protection, optimize, watermark, hotlink,
 * ai-crawlers, limits) to a {@link Policy}, checking each value and the contradictions between values.
 */
final class PolicyBinder {

    static final List<String> SECTIONS =
            List.of("protection", "optimize", "watermark", "hotlink", "ai-crawlers", "limits");

    private static final List<String> PROTECTION_KEYS =
            List.of("data-mining", "other-constraints", "rights", "existing-xmp", "strip", "headers");
    private static final List<String> RIGHTS_KEYS = List.of("copyright", "creator", "credit", "web-statement",
            "usage-terms", "licensor-name", "licensor-url");
    private static final List<String> HEADER_KEYS =
            List.of("x-robots-tag", "tdm-reservation", "tdm-policy", "content-usage", "no-transform");
    private static final List<String> OPTIMIZE_KEYS =
            List.of("mode", "effort", "jpeg-quality", "min-saving", "max-width", "max-height", "webp");
    private static final List<String> WATERMARK_KEYS = List.of("enabled", "text", "logo", "position", "opacity",
            "min-width");
    private static final List<String> HOTLINK_KEYS = List.of("enabled", "allow", "allow-empty-referer",
            "allow-search-engines", "exempt-paths", "action", "redirect-to", "cross-origin-resource-policy");
    private static final List<String> CRAWLER_KEYS =
            List.of("action", "extra-user-agents", "allow-user-agents", "robots-txt", "tdmrep-json");
    private static final List<String> LIMIT_KEYS =
            List.of("max-image-size", "max-pixels", "transform-concurrency", "on-error", "on-busy",
                    "on-unsupported");

    /** Image dimensions beyond this are not images anyone serves; the bound keeps arithmetic far from overflow. */
    private static final int MAX_DIMENSION = 1_000_000;

    private static final String CODES =
            Arrays.stream(DataMining.values()).map(DataMining::code).collect(Collectors.joining(", "));

    private final Problems problems;

    PolicyBinder(Problems problems) {
        this.problems = problems;
    }

    Policy bind(MappingReader root) {
        return new Policy(protection(root.section("protection", PROTECTION_KEYS)),
                optimize(root.section("optimize", OPTIMIZE_KEYS)),
                watermark(root.section("watermark", WATERMARK_KEYS)),
                hotlink(root.section("hotlink", HOTLINK_KEYS)),
                crawlers(root.section("ai-crawlers", CRAWLER_KEYS)),
                limits(root.section("limits", LIMIT_KEYS)));
    }

    private ProtectionSettings protection(MappingReader r) {
        ProtectionSettings d = ProtectionSettings.DEFAULTS;
        DataMining code = r.parsed("data-mining", d.dataMining(), value -> DataMining.fromCode(value)
                .orElseThrow(() -> new IllegalArgumentException("'" + ConfigValues.printable(value)
                        + "' is not a DataMining code; valid codes: " + CODES)));
        String otherConstraints = r.text("other-constraints", d.otherConstraints());
        boolean unexplained = code == DataMining.DMI_PROHIBITED_SEECONSTRAINT && otherConstraints.isBlank();
        if (unexplained) {
            r.error("data-mining", "DMI-PROHIBITED-SEECONSTRAINT needs " + r.qualified("other-constraints")
                    + " to say what the constraint is");
        }
        DataMining dataMining = unexplained ? d.dataMining() : code; // reported; keep binding the rest
        return build(r, () -> new ProtectionSettings(dataMining, otherConstraints,
                rights(r.section("rights", RIGHTS_KEYS)),
                r.choice("existing-xmp", d.existingXmp(), ExistingXmp.class),
                r.choice("strip", d.strip(), StripMode.class),
                headers(r.section("headers", HEADER_KEYS))), d);
    }

    private Rights rights(MappingReader r) {
        Rights d = Rights.NONE;
        return new Rights(r.text("copyright", d.copyright()), r.text("creator", d.creator()),
                r.text("credit", d.credit()), url(r, "web-statement", d.webStatement()),
                r.text("usage-terms", d.usageTerms()), r.text("licensor-name", d.licensorName()),
                url(r, "licensor-url", d.licensorUrl()));
    }

    private HeaderSettings headers(MappingReader r) {
        HeaderSettings d = HeaderSettings.DEFAULTS;
        return new HeaderSettings(r.text("x-robots-tag", d.xRobotsTag()),
                r.bool("tdm-reservation", d.tdmReservation()), url(r, "tdm-policy", d.tdmPolicy()),
                r.text("content-usage", d.contentUsage()), r.bool("no-transform", d.noTransform()));
    }

    private OptimizeSettings optimize(MappingReader r) {
        OptimizeSettings d = OptimizeSettings.DEFAULTS;
        return build(r, () -> new OptimizeSettings(r.choice("mode", d.mode(), OptimizeMode.class),
                r.choice("effort", d.effort(), OptimizeEffort.class),
                r.parsed("jpeg-quality", d.jpegQuality(), ConfigValues::parseQuality),
                r.parsed("min-saving", d.minSavingPercent(), ConfigValues::parsePercent),
                r.integer("max-width", d.maxWidth(), 0, MAX_DIMENSION),
                r.integer("max-height", d.maxHeight(), 0, MAX_DIMENSION),
                r.bool("webp", d.webp())), d);
    }

    private WatermarkSettings watermark(MappingReader r) {
        WatermarkSettings d = WatermarkSettings.DEFAULTS;
        String text = r.text("text", d.text());
        Optional<WatermarkLogo> logo = r.parsed("logo", d.logo(), value -> Optional.of(WatermarkLogo.load(value)));
        boolean enabled = r.bool("enabled", d.enabled());
        if (enabled && text.isBlank() && logo.isEmpty() && r.isBlank("logo")) { // a bad logo is reported already
            r.error("enabled", "an enabled watermark needs " + r.qualified("text") + " or " + r.qualified("logo"));
            enabled = false; // reported; keep binding the rest
        }
        boolean on = enabled && (!text.isBlank() || logo.isPresent());
        return build(r, () -> new WatermarkSettings(on, text,
                r.choice("position", d.position(), WatermarkPosition.class),
                r.decimal("opacity", d.opacity(), 0, 1),
                r.integer("min-width", d.minWidth(), 0, MAX_DIMENSION), logo), d);
    }

    private HotlinkSettings hotlink(MappingReader r) {
        HotlinkSettings d = HotlinkSettings.DEFAULTS;
        HotlinkAction chosen = r.choice("action", d.action(), HotlinkAction.class);
        String redirectTo = r.parsed("redirect-to", d.redirectTo(), PolicyBinder::redirectTarget);
        boolean nowhere = chosen == HotlinkAction.REDIRECT && redirectTo.isBlank();
        if (nowhere && r.isBlank("redirect-to")) { // an invalid redirect-to is reported already
            r.error("action", "action redirect needs " + r.qualified("redirect-to"));
        }
        HotlinkAction action = nowhere ? d.action() : chosen; // reported; keep binding the rest
        return build(r, () -> new HotlinkSettings(r.bool("enabled", d.enabled()),
                r.textList("allow", d.allow(), HostPattern::parse),
                r.bool("allow-empty-referer", d.allowEmptyReferer()),
                r.bool("allow-search-engines", d.allowSearchEngines()),
                r.textList("exempt-paths", d.exemptPaths(), Glob::compile), action, redirectTo,
                r.bool("cross-origin-resource-policy", d.crossOriginResourcePolicy())), d);
    }

    private AiCrawlerSettings crawlers(MappingReader r) {
        AiCrawlerSettings d = AiCrawlerSettings.DEFAULTS;
        return new AiCrawlerSettings(r.choice("action", d.action(), CrawlerAction.class),
                r.textList("extra-user-agents", d.extraUserAgents(), PolicyBinder::nonBlank),
                r.textList("allow-user-agents", d.allowUserAgents(), PolicyBinder::nonBlank),
                r.choice("robots-txt", d.robotsTxt(), RobotsTxtMode.class),
                r.bool("tdmrep-json", d.tdmrepJson()));
    }

    private LimitSettings limits(MappingReader r) {
        LimitSettings d = LimitSettings.DEFAULTS;
        return build(r, () -> new LimitSettings(r.parsed("max-image-size", d.maxImageSize(), ConfigValues::parseSize),
                r.parsed("max-pixels", d.maxPixels(), PolicyBinder::positivePixels),
                r.integer("transform-concurrency", d.transformConcurrency(), 0, 4096),
                r.choice("on-error", d.onError(), OnError.class),
                r.choice("on-busy", d.onBusy(), OnBusy.class),
                r.choice("on-unsupported", d.onUnsupported(), OnUnsupported.class)), d);
    }

    /** Text that, when set, is an absolute http(s) URL. */
    private static String url(MappingReader r, String key, String fallback) {
        return r.parsed(key, fallback, value -> {
            if (!value.isEmpty()) {
                ConfigValues.parseHttpUrl(ConfigValues.requireText(value));
            }
            return value;
        });
    }

    private static String redirectTarget(String value) {
        ConfigValues.requireText(value);
        if (!value.isEmpty() && !value.startsWith("/")) {
            ConfigValues.parseHttpUrl(value);
        }
        return value;
    }

    private static long positivePixels(String value) {
        long pixels = ConfigValues.parsePixels(value);
        if (pixels <= 0) {
            throw new IllegalArgumentException(ConfigValues.expected("a positive pixel count like 50M", value));
        }
        return pixels;
    }

    private static String nonBlank(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("expected a User-Agent token, found ''");
        }
        return value;
    }

    /**
     * Builds a record whose constructor re-checks what was checked above; should a check be missing here, the
     * record's message is still reported, at the section, instead of escaping as an exception.
     */
    private <T> T build(MappingReader r, Supplier<T> constructor, T fallback) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            problems.add(r.node(), r.path() + ": " + e.getMessage());
            return fallback;
        }
    }
}
