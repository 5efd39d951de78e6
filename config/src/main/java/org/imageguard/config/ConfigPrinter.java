package org.imageguard.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a configuration back as YAML in the language ops write (kebab-case keys, {@code 256MB}, {@code 60s},
 * {@code 50M}, {@code 5%}), every key with its effective value. {@link ConfigLoader} reads the output back to an
 * equal configuration. A {@code paths:} entry lists only the sections it changes, each in full.
 *
 * <pre>{@code
 * String yaml = ConfigPrinter.print(ConfigLoader.load(Path.of("site.yaml"))); // what check-config prints
 * }</pre>
 */
public final class ConfigPrinter {

    private final StringBuilder out = new StringBuilder();
    private int indent;

    private ConfigPrinter() {
    }

    public static String print(ImageGuardConfig config) {
        ConfigPrinter p = new ConfigPrinter();
        p.server(config.server());
        p.origin(config.origin());
        p.policy(config.policy(), null);
        p.cache(config.cache());
        p.paths(config);
        return p.out.toString();
    }

    private void server(ServerSettings s) {
        open("server");
        key("host", quote(s.host()));
        key("port", s.port());
        key("admin-host", quote(s.adminHost()));
        key("admin-port", s.adminPort());
        close();
    }

    private void origin(OriginSettings o) {
        open("origin");
        o.upstream().ifPresent(u -> key("upstream", quote(u.toString())));
        o.root().ifPresent(r -> key("root", quote(r.toString())));
        if (!o.isConfigured()) {
            line("# neither upstream nor root: the proxy serves its demo site, the filter needs none");
        }
        key("connect-timeout", ConfigValues.formatDuration(o.connectTimeout()));
        key("timeout", ConfigValues.formatDuration(o.timeout()));
        close();
    }

    private void cache(CacheSettings c) {
        open("cache");
        key("max-size", c.maxSize().map(DataSize::toString).orElse(CacheSettings.AUTO));
        key("fresh-for", ConfigValues.formatDuration(c.freshFor()));
        close();
    }

    /** Every section of {@code p}, or with a {@code base} only those that differ from it. */
    private void policy(Policy p, Policy base) {
        if (base == null || !p.protection().equals(base.protection())) {
            protection(p.protection());
        }
        if (base == null || !p.optimize().equals(base.optimize())) {
            optimize(p.optimize());
        }
        if (base == null || !p.watermark().equals(base.watermark())) {
            watermark(p.watermark());
        }
        if (base == null || !p.hotlink().equals(base.hotlink())) {
            hotlink(p.hotlink());
        }
        if (base == null || !p.aiCrawlers().equals(base.aiCrawlers())) {
            crawlers(p.aiCrawlers());
        }
        if (base == null || !p.limits().equals(base.limits())) {
            limits(p.limits());
        }
    }

    private void protection(ProtectionSettings p) {
        open("protection");
        key("data-mining", p.dataMining().code());
        key("other-constraints", quote(p.otherConstraints()));
        Rights r = p.rights();
        open("rights");
        key("copyright", quote(r.copyright()));
        key("creator", quote(r.creator()));
        key("credit", quote(r.credit()));
        key("web-statement", quote(r.webStatement()));
        key("usage-terms", quote(r.usageTerms()));
        key("licensor-name", quote(r.licensorName()));
        key("licensor-url", quote(r.licensorUrl()));
        close();
        key("existing-xmp", p.existingXmp().yamlName());
        key("strip", p.strip().yamlName());
        HeaderSettings h = p.headers();
        open("headers");
        key("x-robots-tag", quote(h.xRobotsTag()));
        key("tdm-reservation", h.tdmReservation());
        key("tdm-policy", quote(h.tdmPolicy()));
        key("content-usage", quote(h.contentUsage()));
        key("no-transform", h.noTransform());
        close();
        close();
    }

    private void optimize(OptimizeSettings o) {
        open("optimize");
        key("mode", o.mode().yamlName());
        key("effort", o.effort().yamlName());
        key("jpeg-quality", o.jpegQualityText());
        key("min-saving", ConfigValues.formatPercent(o.minSavingPercent()));
        key("max-width", o.maxWidth());
        key("max-height", o.maxHeight());
        key("webp", o.webp());
        close();
    }

    private void watermark(WatermarkSettings w) {
        open("watermark");
        key("enabled", w.enabled());
        key("text", quote(w.text()));
        w.logo().ifPresent(l -> key("logo", quote(l.path().toString())));
        key("position", w.position().yamlName());
        key("opacity", ConfigValues.formatNumber(w.opacity()));
        key("min-width", w.minWidth());
        close();
    }

    private void hotlink(HotlinkSettings h) {
        open("hotlink");
        key("enabled", h.enabled());
        key("allow", list(h.allow()));
        key("allow-empty-referer", h.allowEmptyReferer());
        key("allow-search-engines", h.allowSearchEngines());
        key("exempt-paths", list(h.exemptPaths()));
        key("action", h.action().yamlName());
        key("redirect-to", quote(h.redirectTo()));
        key("cross-origin-resource-policy", h.crossOriginResourcePolicy());
        close();
    }

    private void crawlers(AiCrawlerSettings a) {
        open("ai-crawlers");
        key("action", a.action().yamlName());
        key("extra-user-agents", list(a.extraUserAgents()));
        key("allow-user-agents", list(a.allowUserAgents()));
        key("robots-txt", a.robotsTxt().yamlName());
        key("tdmrep-json", a.tdmrepJson());
        close();
    }

    private void limits(LimitSettings l) {
        open("limits");
        key("max-image-size", l.maxImageSize());
        key("max-pixels", ConfigValues.formatPixels(l.maxPixels()));
        key("transform-concurrency", l.transformConcurrency());
        key("on-error", l.onError().yamlName());
        key("on-busy", l.onBusy().yamlName());
        key("on-unsupported", l.onUnsupported().yamlName());
        close();
    }

    private void paths(ImageGuardConfig config) {
        if (config.paths().isEmpty()) {
            line("paths: []");
            return;
        }
        open("paths");
        for (ImageGuardConfig.PathRule rule : config.paths()) {
            line("- match: " + quote(rule.match()));
            indent++; // the entry's sections sit under "match", past the dash
            policy(rule.policy(), config.policy());
            indent--;
        }
        close();
    }

    private void open(String section) {
        line(section + ":");
        indent++;
    }

    private void close() {
        indent--;
    }

    private void key(String key, Object value) {
        line(key + ": " + value);
    }

    private void line(String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }

    private static String list(List<String> values) {
        return values.stream().map(ConfigPrinter::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A YAML double-quoted scalar; control characters (never valid in a loaded file) escaped all the same. */
    static String quote(String value) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                q.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
