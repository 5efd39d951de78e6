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
        KeySection<Policy> policy = PolicyKeys.POLICY;
        for (int i = 0; i < policy.entries().size(); i++) {
            Object section = policy.valueAt(p, i);
            if (base == null || !section.equals(policy.valueAt(base, i))) {
                section((KeySection<?>) policy.entries().get(i), section);
            }
        }
    }

    /** A section as {@link PolicyKeys} lists it: every key with its value, nested sections indented. */
    private <S extends Record> void section(KeySection<S> section, Object settings) {
        S values = section.type().cast(settings);
        open(section.name());
        for (int i = 0; i < section.entries().size(); i++) {
            KeyEntry entry = section.entries().get(i);
            if (entry instanceof KeySection<?> nested) {
                section(nested, section.valueAt(values, i));
            } else {
                key(entry.name(), ((ConfigKey) entry).kind().printed(section.valueAt(values, i)));
            }
        }
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

    /** A YAML flow list of double-quoted scalars: {@code ["a", "b"]}. */
    static String list(List<String> values) {
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
